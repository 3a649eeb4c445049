package dev.durable.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A shop whose order lifecycle runs as a durable workflow.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleShopApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleShopApplication.class, args);
	}

}
