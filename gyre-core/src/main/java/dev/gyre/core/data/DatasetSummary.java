package dev.gyre.core.data;

/**
 * A registered dataset name at a glance, for listings.
 *
 * @param latestVersion the highest version number registered under the name
 * @param versionCount how many versions the name has
 * @param creationTime when version 1 was registered (ms since the epoch)
 * @param lastUpdatedTime when the latest version was registered (ms since the epoch)
 */
public record DatasetSummary(
        String name, long latestVersion, long versionCount, long creationTime, long lastUpdatedTime) {}
