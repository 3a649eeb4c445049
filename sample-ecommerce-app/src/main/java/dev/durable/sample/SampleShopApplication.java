package dev.durable.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.ApplicationPidFileWriter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A shop whose orders and money transfers run as durable workflows.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleShopApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(SampleShopApplication.class);
		// The walkthrough kills the shop with kill -9; the pid file (spring.pid.file) says which process.
		application.addListeners(new ApplicationPidFileWriter());
		application.run(args);
	}

}
