package dev.gyre.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module layering of docs/architecture.md, checked on the compiled main classes of every module on the class
 * path: core depends on no other Gyre package, store only on core, data only on core and store, model only on core
 * (so serving can load a package without the data stage's DuckDB), train on core, store, data and model, serve on
 * core, store and model (a prediction server carries neither DuckDB nor the trainers' code paths), the server
 * never on the CLI, and nothing on the CLI but the CLI itself.
 */
class LayeringTest {

    private static JavaClasses gyre;

    @BeforeAll
    static void importClasses() {
        gyre = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.gyre");
    }

    @Test
    void everyModuleIsOnTheClassPath() {
        assertThat(gyre.stream()
                        .map(JavaClass::getPackageName)
                        .map(p -> p.split("\\.")[2])
                        .distinct())
                .contains("core", "store", "data", "model", "train", "serve", "server", "cli");
    }

    @Test
    void coreDependsOnNoOtherGyrePackage() {
        noClasses()
                .that()
                .resideInAPackage("dev.gyre.core..")
                .should()
                .dependOnClassesThat(resideInAPackage("dev.gyre..").and(not(resideInAPackage("dev.gyre.core.."))))
                .check(gyre);
    }

    @Test
    void storeDependsOnlyOnCore() {
        noClasses()
                .that()
                .resideInAPackage("dev.gyre.store..")
                .should()
                .dependOnClassesThat(resideInAPackage("dev.gyre..")
                        .and(not(resideInAnyPackage("dev.gyre.core..", "dev.gyre.store.."))))
                .check(gyre);
    }

    @Test
    void dataDependsOnlyOnCoreAndStore() {
        noClasses()
                .that()
                .resideInAPackage("dev.gyre.data..")
                .should()
                .dependOnClassesThat(resideInAPackage("dev.gyre..")
                        .and(not(resideInAnyPackage("dev.gyre.core..", "dev.gyre.store..", "dev.gyre.data.."))))
                .check(gyre);
    }

    @Test
    void modelDependsOnlyOnCore() {
        noClasses()
                .that()
                .resideInAPackage("dev.gyre.model..")
                .should()
                .dependOnClassesThat(resideInAPackage("dev.gyre..")
                        .and(not(resideInAnyPackage("dev.gyre.core..", "dev.gyre.model.."))))
                .check(gyre);
    }

    @Test
    void trainDependsOnlyOnCoreStoreDataAndModel() {
        noClasses()
                .that()
                .resideInAPackage("dev.gyre.train..")
                .should()
                .dependOnClassesThat(resideInAPackage("dev.gyre..")
                        .and(not(resideInAnyPackage(
                                "dev.gyre.core..",
                                "dev.gyre.store..",
                                "dev.gyre.data..",
                                "dev.gyre.model..",
                                "dev.gyre.train.."))))
                .check(gyre);
    }

    @Test
    void serveDependsOnlyOnCoreStoreAndModel() {
        noClasses()
                .that()
                .resideInAPackage("dev.gyre.serve..")
                .should()
                .dependOnClassesThat(resideInAPackage("dev.gyre..")
                        .and(not(resideInAnyPackage(
                                "dev.gyre.core..", "dev.gyre.store..", "dev.gyre.model..", "dev.gyre.serve.."))))
                .check(gyre);
    }

    @Test
    void serverDoesNotDependOnTheCli() {
        noClasses()
                .that()
                .resideInAPackage("dev.gyre.server..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.gyre.cli..")
                .check(gyre);
    }

    @Test
    void nothingButTheCliDependsOnTheCli() {
        classes()
                .that()
                .resideInAPackage("dev.gyre.cli..")
                .should()
                .onlyHaveDependentClassesThat()
                .resideInAPackage("dev.gyre.cli..")
                .check(gyre);
    }
}
