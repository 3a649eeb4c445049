package dev.durable.autoconfigure;

import dev.durable.engine.DurableConfigurationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a workflow or activity declaration, or a database, that Durable cannot run on as a
 * start-up failure with a description and the fix.
 */
class DurableConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<DurableConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DurableConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
