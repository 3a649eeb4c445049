package dev.durable.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small application with workflows, activities and an entity of its own, as a user would write.
 */
@SpringBootApplication
public class TestApplication {

}
