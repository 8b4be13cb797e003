package dev.gyre.core.registry;

/**
 * One recorded change of a registered model's alias, kept so that "who moved {@code champion}, when and why" can
 * be answered after the fact (the alias itself only knows where it points now). Every way an alias changes writes
 * one: a promotion (with actor and reason), MLflow's set-alias and delete-alias calls (without them), and the
 * deletion of the version an alias pointed at.
 *
 * @param name the registered model (follows renames)
 * @param alias the alias that changed
 * @param version the version the alias points at after the change; {@code null} when the change removed the alias
 * @param previousVersion the version it pointed at before; {@code null} when the alias did not exist
 * @param actor who made the change, or {@code null} when the API that made it does not say
 * @param reason why, or {@code null} when the API that made it does not say
 * @param timestamp when, in milliseconds since the epoch
 */
public record AliasChange(
        String name, String alias, Long version, Long previousVersion, String actor, String reason, long timestamp) {

    /** Whether this change removed the alias (it points at no version afterwards). */
    public boolean removed() {
        return version == null;
    }
}
