package dev.durable.testapp;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves the console under a strict Content-Security-Policy, as a careful application would, so
 * that the browser tests fail if the console ever needs an inline script or style.
 */
public class StrictContentSecurityPolicy extends OncePerRequestFilter {

	static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
			+ "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getRequestURI().startsWith("/durable")) {
			response.setHeader("Content-Security-Policy", POLICY);
		}
		chain.doFilter(request, response);
	}

}
