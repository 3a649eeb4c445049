package dev.durable.engine;

/**
 * The application's workflows, activities or database are set up in a way Durable cannot run;
 * start-up fails with a message that names the beans, methods or database and the fix.
 */
public class DurableConfigurationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String action;

	/**
	 * Create the exception.
	 * @param message what is wrong, naming the beans and methods or the database
	 * @param action what to do about it
	 */
	public DurableConfigurationException(String message, String action) {
		super(message);
		this.action = action;
	}

	/**
	 * Return what the user should do to fix the problem.
	 * @return the suggested action
	 */
	public String getAction() {
		return this.action;
	}

}
