package dev.durable.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * What the dashboard page must know before it acts, served at {@code /durable/session}: whether
 * the workflows and the schedules endpoints grant their write operations (so the page shows each
 * one's buttons only then), and Spring
 * Security's CSRF token when the application uses it (so the page's writes pass its default CSRF
 * protection).
 */
final class DashboardSession {

	private static final boolean SECURITY_PRESENT = ClassUtils
		.isPresent("org.springframework.security.web.csrf.CsrfToken", DashboardSession.class.getClassLoader());

	private final boolean actions;

	private final boolean scheduleActions;

	DashboardSession(boolean actions, boolean scheduleActions) {
		this.actions = actions;
		this.scheduleActions = scheduleActions;
	}

	ServerResponse handle(ServerRequest request) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("actions", this.actions);
		body.put("scheduleActions", this.scheduleActions);
		body.put("csrf", SECURITY_PRESENT ? Csrf.of(request) : null);
		return ServerResponse.ok().header("Cache-Control", "no-store").body(body);
	}

	/** Reads the token Spring Security's CSRF filter put on the request, if it ran. */
	private static final class Csrf {

		static @Nullable Map<String, String> of(ServerRequest request) {
			if (!(request.attribute(CsrfToken.class.getName()).orElse(null) instanceof CsrfToken token)) {
				return null;
			}
			return Map.of("headerName", token.getHeaderName(), "token", token.getToken());
		}

	}

}
