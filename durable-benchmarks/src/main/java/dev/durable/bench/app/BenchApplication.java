package dev.durable.bench.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application under measurement: a plain Spring Boot application (no web server) with the
 * Durable starter, one workflow bean and one activity bean, the way a user writes them.
 */
@SpringBootApplication
public class BenchApplication {

}
