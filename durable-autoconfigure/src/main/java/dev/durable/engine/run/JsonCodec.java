package dev.durable.engine.run;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns arguments and results into the journal's JSON and back, typed by the method's generic
 * signature, with errors that name the method and the type.
 */
public class JsonCodec {

	private final JsonMapper mapper;

	/**
	 * Create a codec on the application's mapper.
	 * @param mapper the JSON mapper
	 */
	public JsonCodec(JsonMapper mapper) {
		this.mapper = Objects.requireNonNull(mapper, "mapper");
	}

	/**
	 * Serialize a method's arguments as a JSON array.
	 * @param what how to name the method in messages, e.g. {@code workflow 'order'}
	 * @param method the method
	 * @param args the arguments
	 * @return the JSON array
	 * @throws IllegalArgumentException if an argument cannot be serialized
	 */
	public String writeArguments(String what, Method method, @Nullable Object[] args) {
		Type[] types = method.getGenericParameterTypes();
		StringBuilder json = new StringBuilder("[");
		for (int i = 0; i < types.length; i++) {
			Object arg = args[i];
			try {
				json.append(i > 0 ? "," : "").append(this.mapper.writerFor(javaType(types[i])).writeValueAsString(arg));
			}
			catch (JacksonException | IllegalArgumentException ex) {
				throw new IllegalArgumentException("Cannot serialize argument " + (i + 1) + " of " + what + " ("
						+ typeName(arg, types[i]) + ") as JSON: " + ex.getMessage() + ". Nothing was stored; "
						+ "pass values Jackson can write and read back, such as records, enums and collections of them",
						ex);
			}
		}
		return json.append(']').toString();
	}

	/**
	 * Read a method's arguments from a JSON array written by {@link #writeArguments}.
	 * @param what how to name the method in messages
	 * @param method the method
	 * @param json the JSON array
	 * @return the arguments
	 * @throws IllegalStateException if the JSON no longer fits the method's parameters
	 */
	public @Nullable Object[] readArguments(String what, Method method, String json) {
		Type[] types = method.getGenericParameterTypes();
		try {
			JsonNode array = this.mapper.readTree(json);
			if (!array.isArray() || array.size() != types.length) {
				throw new IllegalStateException("The stored arguments of " + what + " are "
						+ (array.isArray() ? array.size() + " value(s)" : "not a JSON array") + ", but the method "
						+ "now takes " + types.length + " parameter(s); keep entry-point signatures stable while "
						+ "workflows of the old shape are running");
			}
			Object[] args = new Object[types.length];
			for (int i = 0; i < types.length; i++) {
				args[i] = this.mapper.treeToValue(array.get(i), javaType(types[i]));
			}
			return args;
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("The stored arguments of " + what + " no longer fit its parameter types: "
					+ reason(ex), ex);
		}
	}

	/**
	 * Serialize a method's result.
	 * @param what how to name the method in messages
	 * @param type the declared (generic) result type
	 * @param value the result
	 * @return the JSON
	 * @throws IllegalArgumentException if the value cannot be serialized
	 */
	public String writeResult(String what, Type type, @Nullable Object value) {
		try {
			return this.mapper.writerFor(javaType(type)).writeValueAsString(value);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("Cannot serialize the result of " + what + " (" + typeName(value, type)
					+ ") as JSON: " + ex.getMessage() + ". Return values Jackson can write and read back, such as "
					+ "records, enums and collections of them", ex);
		}
	}

	/**
	 * Read a result written by {@link #writeResult}.
	 * @param what how to name the method in messages
	 * @param type the declared (generic) result type
	 * @param json the JSON, or null for none
	 * @return the value
	 * @throws IllegalStateException if the JSON no longer fits the type
	 */
	public @Nullable Object readResult(String what, Type type, @Nullable String json) {
		if (json == null || type == void.class || type == Void.class) {
			return null;
		}
		try {
			return this.mapper.readerFor(javaType(type)).readValue(json);
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("The recorded result of " + what + " no longer fits its type "
					+ type.getTypeName() + ": " + reason(ex), ex);
		}
	}

	/**
	 * Tell why JSON does not read as a value of a type. The answer names the JSON path and the
	 * expected type but none of the JSON's values, which may be personal data that must not reach
	 * logs. {@code Void} takes any JSON.
	 * @param type the expected type
	 * @param json the JSON, or null for none
	 * @return empty if the JSON reads as a value of the type, not null; else why not
	 */
	public Optional<String> misfit(Type type, @Nullable String json) {
		if (type == void.class || type == Void.class) {
			return Optional.empty();
		}
		if (json == null || json.isBlank() || json.strip().equals("null")) {
			return Optional.of("it has no payload (null)");
		}
		try {
			Object value = this.mapper.readerFor(javaType(type)).readValue(json);
			return (value != null) ? Optional.empty() : Optional.of("it has no payload (null)");
		}
		catch (JacksonException ex) {
			return Optional.of(reason(ex));
		}
	}

	/**
	 * Say where and why JSON did not read, without quoting it: messages reach logs, and values
	 * may be personal data (the journal, shown as the endpoint's show-values allows, keeps them).
	 */
	private static String reason(JacksonException ex) {
		return "at " + jsonPath(ex) + ": " + expected(ex) + " (" + ex.getClass().getSimpleName() + ")";
	}

	private static String jsonPath(JacksonException ex) {
		StringBuilder path = new StringBuilder("$");
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append('.').append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String expected(JacksonException ex) {
		if (ex instanceof UnrecognizedPropertyException) {
			return "a property the type does not have";
		}
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			return "a value of type " + mismatch.getTargetType().getTypeName() + " is expected";
		}
		return "the JSON does not read as the type";
	}

	private JavaType javaType(Type type) {
		return this.mapper.getTypeFactory().constructType(type);
	}

	private static String typeName(@Nullable Object value, Type declared) {
		return (value != null) ? value.getClass().getName() : declared.getTypeName();
	}

}
