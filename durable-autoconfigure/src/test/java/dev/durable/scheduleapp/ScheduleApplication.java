package dev.durable.scheduleapp;

import dev.durable.engine.DurableClock;
import dev.durable.testapp.AdjustableClock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * An application with scheduled workflows alone, so that their workflows do not mix with the
 * other tests' ones; the schedule crash test runs it as separate processes.
 */
@SpringBootApplication
public class ScheduleApplication {

	@Bean
	AdjustableClock adjustableClock() {
		return new AdjustableClock();
	}

	/**
	 * Runs the engine on the clock the tests move, to stand for a downtime.
	 */
	@Bean
	DurableClock durableClock(AdjustableClock clock) {
		return new DurableClock(clock);
	}

	public static void main(String[] args) {
		SpringApplication.run(ScheduleApplication.class, args);
	}

}
