package dev.gyre.train.run;

import dev.gyre.core.error.GyreException;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.model.features.FeatureMatrix;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.pack.ModelPackage;
import dev.gyre.model.runtime.Scores;
import dev.gyre.train.project.Baseline;
import dev.gyre.train.project.ModelSpec;
import dev.gyre.train.project.Project;
import dev.gyre.train.trainer.BaselineTrainer;
import dev.gyre.train.trainer.LinearTrainer;
import dev.gyre.train.trainer.TrainedModel;
import dev.gyre.train.trainer.Trainer;
import dev.gyre.train.trainer.TrainerSettings;
import dev.gyre.train.trainer.TrainingData;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;

/**
 * What a new model is compared with on the same held-out rows: the trivial and linear baselines, trained here on the
 * same training rows, and the registry's current {@code champion}, scored from its own package — so every result
 * is put next to something simple and next to what is in production.
 */
final class Competitors {

    static final String CHAMPION_ALIAS = "champion";

    private final TrainingEnvironment environment;
    private final TrainingJob.Listener listener;

    Competitors(TrainingEnvironment environment, TrainingJob.Listener listener) {
        this.environment = environment;
        this.listener = listener;
    }

    /** Each baseline's metrics on the evaluation rows, keyed {@code baseline:<name>}. */
    Map<String, Map<String, Double>> baselines(
            Project project,
            TrainingData data,
            FeatureMatrix evaluation,
            Frame evaluationRows,
            LabelEncoding encoding,
            TrainerSettings settings) {
        LinkedHashSet<Baseline> wanted = new LinkedHashSet<>();
        // The rule: every result is compared with something trivial and something linear, listed or not.
        wanted.add(Baseline.trivial(project.task()));
        wanted.add(Baseline.LINEAR);
        project.baselines().stream().filter(b -> b.appliesTo(project.task())).forEach(wanted::add);
        if (project.model().trainer() == ModelSpec.Trainer.LINEAR) {
            wanted.remove(Baseline.LINEAR);
        }
        // The model's params are for its booster; baselines train with their own defaults.
        TrainerSettings baselineSettings = new TrainerSettings(
                settings.rounds(), settings.earlyStoppingRounds(), settings.seed(), settings.threads(), Map.of());
        Map<String, Map<String, Double>> results = new LinkedHashMap<>();
        for (Baseline baseline : wanted) {
            listener.step("training the " + baseline.label() + " baseline");
            TrainingData input = data;
            FeatureMatrix scored = evaluation;
            Trainer trainer = new BaselineTrainer();
            if (baseline == Baseline.LINEAR) {
                Standardization scale = Standardization.fit(data.train());
                input = TrainingData.of(data.task(), data.classCount(), scale.apply(data.train()), data.trainLabels())
                        .withValidation(scale.apply(data.validation()), data.validationLabels());
                scored = scale.apply(evaluation);
                trainer = new LinearTrainer();
            }
            try (TrainedModel trained = trainer.train(input, baselineSettings)) {
                double threshold = TrainingJob.threshold(project.task(), trained, input);
                Scores scores = trained.predictor().predict(scored);
                results.put(
                        "baseline:" + baseline.label(),
                        ScoredRows.of(scores, evaluationRows.column(project.target()), encoding, threshold)
                                .metrics()
                                .asMap());
            }
        }
        return results;
    }

    /**
     * The current champion's metrics on the same rows, when the registered model has a {@code champion} whose package
     * can score them (it may read columns these rows do not have: then there is nothing to compare, and a line says
     * so).
     */
    Optional<Map.Entry<String, Map<String, Double>>> champion(
            Project project, Frame features, Frame evaluationRows, LabelEncoding encoding) {
        ModelVersion champion;
        try {
            champion = environment
                    .registry()
                    .getModelVersionByAlias(project.registry().model(), CHAMPION_ALIAS);
        } catch (GyreException e) {
            return Optional.empty();
        }
        listener.step("scoring the champion (version " + champion.version() + ") on the same rows");
        try (LoadedModel loaded = LoadedModel.open(champion, environment.artifacts())) {
            ModelPackage pack = loaded.pack();
            if (pack.manifest().task() != project.task()
                    || !pack.manifest().classes().equals(encoding.classes())) {
                listener.step("the champion answers another task or classes; not compared");
                return Optional.empty();
            }
            Scores scores = pack.predict(features).scores();
            Map<String, Double> metrics = ScoredRows.of(
                            scores,
                            evaluationRows.column(project.target()),
                            encoding,
                            pack.manifest().threshold())
                    .metrics()
                    .asMap();
            return Optional.of(Map.entry("champion:v" + champion.version(), metrics));
        } catch (GyreException | IllegalArgumentException e) {
            listener.step("the champion cannot score these rows (" + e.getMessage() + "); not compared");
            return Optional.empty();
        }
    }
}
