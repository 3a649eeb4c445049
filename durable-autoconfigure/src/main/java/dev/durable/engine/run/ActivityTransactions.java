package dev.durable.engine.run;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.durable.engine.definition.ActivityDefinition;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * Finds the transaction an {@code @Transactional} activity declares, so that the engine can open
 * it around the attempt and write the completion record inside it: the activity's database effects
 * and its journal record then commit together, or neither does.
 */
public class ActivityTransactions {

	private final AnnotationTransactionAttributeSource attributes = new AnnotationTransactionAttributeSource();

	private final Map<Method, Object> templates = new ConcurrentHashMap<>();

	private final PlatformTransactionManager defaultManager;

	private final Function<String, PlatformTransactionManager> managersByName;

	/**
	 * Create the lookup.
	 * @param defaultManager the journal's transaction manager
	 * @param beanFactory where qualified transaction managers are looked up
	 */
	public ActivityTransactions(PlatformTransactionManager defaultManager, BeanFactory beanFactory) {
		this.defaultManager = defaultManager;
		this.managersByName = (name) -> beanFactory.getBean(name, PlatformTransactionManager.class);
	}

	/**
	 * Return the transaction to run an attempt of the activity in, if it declares one that the
	 * journal can join.
	 * @param activity the activity
	 * @return the template, or null for a non-transactional activity
	 */
	public @Nullable TransactionTemplate templateFor(ActivityDefinition activity) {
		Object template = this.templates.computeIfAbsent(activity.method(), (method) -> create(activity));
		return (template instanceof TransactionTemplate transactionTemplate) ? transactionTemplate : null;
	}

	private Object create(ActivityDefinition activity) {
		TransactionAttribute attribute = this.attributes.getTransactionAttribute(activity.method(), activity.beanClass());
		if (attribute == null) {
			return Boolean.FALSE;
		}
		int propagation = attribute.getPropagationBehavior();
		if (propagation != TransactionDefinition.PROPAGATION_REQUIRED
				&& propagation != TransactionDefinition.PROPAGATION_REQUIRES_NEW
				&& propagation != TransactionDefinition.PROPAGATION_NESTED) {
			return Boolean.FALSE;
		}
		String qualifier = attribute.getQualifier();
		PlatformTransactionManager manager = StringUtils.hasText(qualifier) ? this.managersByName.apply(qualifier)
				: this.defaultManager;
		if (manager != this.defaultManager) {
			// The journal cannot join another resource's transaction; the activity stays at-least-once.
			return Boolean.FALSE;
		}
		TransactionTemplate template = new TransactionTemplate(manager, attribute);
		template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		return template;
	}

}
