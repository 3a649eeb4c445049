package dev.durable.testing;

/**
 * Matches an activity's journaled name ({@code Payments.charge}) against what a test names it by:
 * the full name or the method's name alone.
 */
final class ActivityNames {

	private ActivityNames() {
	}

	static boolean matches(String journaled, String named) {
		return journaled.equals(named) || journaled.endsWith("." + named);
	}

}
