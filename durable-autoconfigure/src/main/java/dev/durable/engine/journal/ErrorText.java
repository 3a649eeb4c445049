package dev.durable.engine.journal;

import org.jspecify.annotations.Nullable;

/**
 * Makes an error message fit to be stored: every database must accept it, or the write of a
 * failure fails itself, the run is abandoned and the failing code runs again at every claim.
 * PostgreSQL text holds no NUL character, and no database should hold a multi-megabyte message.
 */
public final class ErrorText {

	/** The most characters of an error message that are kept. */
	public static final int MAX_LENGTH = 4000;

	private static final String CUT_MARKER = "... [cut, %d characters in all]";

	private ErrorText() {
	}

	/**
	 * Return a throwable's message as it is stored.
	 * @param thrown the throwable
	 * @return its message, made storable, or {@code "null"} if it has none
	 */
	public static String of(Throwable thrown) {
		return of(String.valueOf(thrown.getMessage()));
	}

	/**
	 * Return an error message as it is stored: NUL characters dropped, unpaired surrogates (which
	 * no encoding can write) replaced by U+FFFD, and text past {@link #MAX_LENGTH} cut, saying so.
	 * @param message the message
	 * @return the storable message, the same instance if it needed no change
	 */
	public static String of(@Nullable String message) {
		if (message == null) {
			return "null";
		}
		if (isStorable(message)) {
			return message;
		}
		StringBuilder clean = new StringBuilder(Math.min(message.length(), MAX_LENGTH + CUT_MARKER.length() + 10));
		for (int i = 0; i < message.length() && clean.length() < MAX_LENGTH; i++) {
			char c = message.charAt(i);
			if (c == '\u0000') {
				continue;
			}
			if (Character.isHighSurrogate(c) && i + 1 < message.length()
					&& Character.isLowSurrogate(message.charAt(i + 1))) {
				if (clean.length() + 2 > MAX_LENGTH) {
					break;
				}
				clean.append(c).append(message.charAt(++i));
			}
			else {
				clean.append(Character.isSurrogate(c) ? '\uFFFD' : c);
			}
		}
		if (message.length() > MAX_LENGTH) {
			clean.append(String.format(CUT_MARKER, message.length()));
		}
		return clean.toString();
	}

	private static boolean isStorable(String message) {
		if (message.length() > MAX_LENGTH) {
			return false;
		}
		for (int i = 0; i < message.length(); i++) {
			char c = message.charAt(i);
			if (c == '\u0000') {
				return false;
			}
			if (Character.isHighSurrogate(c) && i + 1 < message.length()
					&& Character.isLowSurrogate(message.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

}
