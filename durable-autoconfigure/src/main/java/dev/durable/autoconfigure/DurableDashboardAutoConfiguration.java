package dev.durable.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard page under {@code /durable/} in a Spring MVC application, unless
 * {@code durable.dashboard.enabled=false}. The page is static; its data and actions come from
 * the {@code workflows} actuator endpoint, with that endpoint's exposure and security.
 */
@AutoConfiguration(after = DurableAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebMvcConfigurer.class)
@ConditionalOnBooleanProperty(name = { "durable.enabled", "durable.dashboard.enabled" }, matchIfMissing = true)
public final class DurableDashboardAutoConfiguration {

	private static final String LOCATION = "classpath:/dev/durable/dashboard/";

	@Bean
	WebMvcConfigurer durableDashboardConfigurer() {
		return new WebMvcConfigurer() {

			@Override
			public void addResourceHandlers(ResourceHandlerRegistry registry) {
				registry.addResourceHandler("/durable/**").addResourceLocations(LOCATION);
			}

			@Override
			public void addViewControllers(ViewControllerRegistry registry) {
				registry.addRedirectViewController("/durable", "/durable/");
				registry.addViewController("/durable/").setViewName("forward:/durable/index.html");
			}

		};
	}

}
