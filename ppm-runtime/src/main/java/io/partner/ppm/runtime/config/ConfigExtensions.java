package io.partner.ppm.runtime.config;

import io.partner.ppm.api.spi.ConfigContribution;
import java.util.List;
import java.util.Set;

/**
 * What loaded plugins add to the configuration language: the keys and sections they own (with their
 * validation) and the names of the restart policies they provide.
 */
public record ConfigExtensions(List<ConfigContribution> contributions, Set<String> restartPolicies) {

    public static final ConfigExtensions NONE = new ConfigExtensions(List.of(), Set.of());

    public ConfigExtensions {
        contributions = List.copyOf(contributions);
        restartPolicies = Set.copyOf(restartPolicies);
    }
}
