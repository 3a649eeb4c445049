package dev.durable.autoconfigure;

import java.util.HashSet;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the {@code workflows} endpoint shows, named like Spring Boot's own endpoint settings
 * ({@code management.endpoint.env.show-values}), so that one convention covers every endpoint
 * that shows application data.
 */
@ConfigurationProperties("management.endpoint.workflows")
public class WorkflowsEndpointProperties {

	/**
	 * When the workflows endpoint and the dashboard show values (inputs, results, signal payloads,
	 * error messages): never, always, or when-authorized (to authenticated users, and only to those
	 * with one of the roles if any are set). Hidden values read "******".
	 */
	private Show showValues = Show.NEVER;

	/**
	 * Roles that may see values when show-values is when-authorized; empty for any authenticated
	 * user.
	 */
	private Set<String> roles = new HashSet<>();

	public Show getShowValues() {
		return this.showValues;
	}

	public void setShowValues(Show showValues) {
		this.showValues = showValues;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<String> roles) {
		this.roles = roles;
	}

}
