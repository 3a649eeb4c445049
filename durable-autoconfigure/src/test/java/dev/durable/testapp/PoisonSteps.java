package dev.durable.testapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;

import dev.durable.annotation.Activity;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Activities that make trouble outside workflow code: errors no database column takes as they are,
 * results the test makes the journal refuse, and a process that dies in the middle of a run.
 */
@Activity
public class PoisonSteps {

	private final Calls calls;

	private final CountDownLatch ready = new CountDownLatch(1);

	public PoisonSteps(Calls calls) {
		this.calls = calls;
	}

	@Activity(retry = "payment")
	public String unstorableError(String id, int length) {
		this.calls.increment("unstorable:" + id);
		throw new IllegalStateException("bad\u0000byte " + "x".repeat(length));
	}

	public String count(String id) {
		this.calls.increment("count:" + id);
		return "counted";
	}

	public String poison(String id) {
		this.calls.increment("poison:" + id);
		return "poison-" + id;
	}

	/**
	 * Halt this JVM, as a fatal error would, while the marker file exists; once the application is
	 * ready, so that a test sees it start before it dies. Each call first appends a line to the runs
	 * file, which outlives the process, unlike {@link Calls}.
	 */
	public String haltWhile(String marker, String runs) {
		try {
			this.ready.await();
			Files.writeString(Path.of(runs), ProcessHandle.current().pid() + "\n", StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
			if (Files.exists(Path.of(marker))) {
				Thread.sleep(300);
				Runtime.getRuntime().halt(99);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return "survived";
	}

	@EventListener(ApplicationReadyEvent.class)
	void applicationReady() {
		this.ready.countDown();
	}

}
