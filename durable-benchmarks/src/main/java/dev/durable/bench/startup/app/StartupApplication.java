package dev.durable.bench.startup.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A minimal Spring Boot web application as users start from: one {@code @RestController}, one
 * JPA entity and its Spring Data repository, actuator and an H2 file database. Its package holds
 * no workflow, so it starts the same with or without Durable on the classpath.
 */
@SpringBootApplication
public class StartupApplication {

}
