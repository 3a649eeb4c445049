package dev.durable.testapp;

import dev.durable.engine.DurableClock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A small application with workflows, activities and an entity of its own, as a user would write;
 * crash tests also run it as a separate process.
 */
@SpringBootApplication
public class TestApplication {

	@Bean
	AdjustableClock adjustableClock() {
		return new AdjustableClock();
	}

	/**
	 * Runs the engine on the clock the tests move.
	 */
	@Bean
	DurableClock durableClock(AdjustableClock clock) {
		return new DurableClock(clock);
	}

	@Bean
	StrictContentSecurityPolicy strictContentSecurityPolicy() {
		return new StrictContentSecurityPolicy();
	}

	public static void main(String[] args) {
		SpringApplication.run(TestApplication.class, args);
	}

}
