package dev.durable.sample.simulated;

import java.net.http.HttpClient;
import java.time.Duration;

import dev.durable.sample.ShopProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The HTTP client the shop's activities use to reach the simulated services. They answer on the
 * shop's own port unless {@code shop.simulator.url} says otherwise, so the client is ready only
 * once the web server listens; workflows resumed at start-up before that are retried like any
 * other call to a service that is not reachable.
 */
@Component
public class SimulatorClient implements ApplicationListener<WebServerInitializedEvent> {

	private volatile @Nullable RestClient client;

	SimulatorClient(ShopProperties properties) {
		if (properties.simulator().url() != null) {
			this.client = create(properties.simulator().url().toString());
		}
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (this.client == null && event.getApplicationContext().getServerNamespace() == null) {
			this.client = create("http://localhost:" + event.getWebServer().getPort());
		}
	}

	/**
	 * Return the client.
	 * @return the client, or {@code null} while the shop is not listening yet
	 */
	public @Nullable RestClient client() {
		return this.client;
	}

	private static RestClient create(String baseUrl) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
		requests.setReadTimeout(Duration.ofSeconds(10));
		return RestClient.builder().baseUrl(baseUrl).requestFactory(requests).build();
	}

}
