package dev.durable.testapp;

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
	AdjustableClock durableClock() {
		return new AdjustableClock();
	}

	public static void main(String[] args) {
		SpringApplication.run(TestApplication.class, args);
	}

}
