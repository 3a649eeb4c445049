package dev.durable.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import com.jayway.jsonpath.JsonPath;

/**
 * The shop's API over real HTTP, as the tests and a user with curl see it.
 */
final class ShopClient {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	private final String baseUrl;

	ShopClient(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	String placeOrder(String customer, long amountCents, String card) throws Exception {
		return JsonPath.read(place(customer, amountCents, card), "$.orderId");
	}

	/**
	 * Place an order and return the shop's whole answer: the order's id and its payment status.
	 */
	String place(String customer, long amountCents, String card) throws Exception {
		String body = "{\"customer\":\"" + customer + "\",\"items\":[{\"sku\":\"apple\",\"quantity\":2}],"
				+ "\"amountCents\":" + amountCents + ",\"card\":\"" + card + "\"}";
		return post("/orders", body, 202);
	}

	String post(String path, String json, int expectedStatus) throws IOException, InterruptedException {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != expectedStatus) {
			throw new AssertionError("POST " + path + " answered " + response.statusCode() + " instead of "
					+ expectedStatus + ": " + response.body());
		}
		return response.body();
	}

	String get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = HTTP.send(
				HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	/**
	 * Poll a path until its body satisfies the condition.
	 */
	String await(String path, Predicate<String> condition) throws Exception {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		String last = null;
		while (System.nanoTime() < deadline) {
			last = get(path);
			if (condition.test(last)) {
				return last;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("Timed out after " + PATIENCE + " waiting on " + path + "; last body: " + last);
	}

	String awaitStage(String orderId, String stage) throws Exception {
		return await("/orders/" + orderId, (body) -> stage.equals(JsonPath.read(body, "$.stage")));
	}

	String awaitWorkflowStatus(String workflowId, String status) throws Exception {
		return await("/actuator/workflows/" + workflowId, (body) -> status.equals(JsonPath.read(body, "$.status")));
	}

	/**
	 * Return the kinds of a simulated service's operations for one reference, oldest first.
	 */
	List<String> operations(String service, String reference) throws Exception {
		return JsonPath.read(get("/simulated/" + service),
				"$.operations[?(@.reference == '" + reference + "')].kind");
	}

}
