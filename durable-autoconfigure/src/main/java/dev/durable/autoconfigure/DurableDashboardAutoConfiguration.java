package dev.durable.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The dashboard page under {@code /durable/} in a Spring MVC application, unless
 * {@code durable.dashboard.enabled=false}. The page is static; its data and actions come from
 * the {@code workflows} and {@code schedules} actuator endpoints, with their exposure, access and
 * security; {@code /durable/session} tells the page whether it may act on each and hands it the
 * CSRF token.
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

	/** The page's session facts, when the actuator (and so the endpoint's access settings) is present. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(EndpointAccessResolver.class)
	static class SessionConfiguration {

		@Bean
		RouterFunction<ServerResponse> durableDashboardSession(ObjectProvider<EndpointAccessResolver> access) {
			EndpointAccessResolver resolver = access.getIfAvailable();
			DashboardSession session = new DashboardSession(writable(resolver, "workflows"),
					writable(resolver, "schedules"));
			return RouterFunctions.route().GET("/durable/session", session::handle).build();
		}

		/**
		 * Whether an endpoint (read-only by default, as both of ours are) grants its write
		 * operations, as Spring Boot's endpoint access settings resolve it.
		 */
		private static boolean writable(@Nullable EndpointAccessResolver access, String endpoint) {
			return access != null
					&& access.accessFor(EndpointId.of(endpoint), Access.READ_ONLY) == Access.UNRESTRICTED;
		}

	}

}
