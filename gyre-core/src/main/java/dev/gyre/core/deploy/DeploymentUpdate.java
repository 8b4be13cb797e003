package dev.gyre.core.deploy;

/**
 * What a change to a running deployment left behind, both written in one transaction.
 *
 * @param deployment the deployment after the change
 * @param event the event that records it
 */
public record DeploymentUpdate(Deployment deployment, DeploymentEvent event) {
    public DeploymentUpdate {
        if (deployment == null || event == null) {
            throw new IllegalArgumentException("A deployment update needs both the deployment and its event");
        }
        if (deployment.id() != event.deploymentId()) {
            throw new IllegalArgumentException("Event of deployment " + event.deploymentId()
                    + " does not belong to deployment " + deployment.id());
        }
    }
}
