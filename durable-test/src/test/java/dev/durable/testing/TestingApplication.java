package dev.durable.testing;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small application on Durable, as a user of the test support would have.
 */
@SpringBootApplication
public class TestingApplication {

}
