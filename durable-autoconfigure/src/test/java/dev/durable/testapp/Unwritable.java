package dev.durable.testapp;

/**
 * A value Jackson cannot write: its only property fails when read.
 */
public class Unwritable {

	public String getSecret() {
		throw new IllegalStateException("the secret cannot be read");
	}

}
