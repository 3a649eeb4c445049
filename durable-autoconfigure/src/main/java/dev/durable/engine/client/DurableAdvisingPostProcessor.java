package dev.durable.engine.client;

import java.lang.reflect.Method;

import dev.durable.engine.definition.DurableMethods;
import dev.durable.engine.run.ActivityInvoker;
import dev.durable.engine.run.ChildWorkflows;

import org.springframework.aop.ClassFilter;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.ObjectFactory;

/**
 * Registers the entry points and activities of every bean and adds Durable's interceptor to
 * those beans' proxies, ahead of existing advisors such as {@code @Transactional}'s: Durable
 * decides first whether a call replays, and opens an activity's transaction itself so that the
 * completion record commits with it.
 */
public class DurableAdvisingPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

	private static final long serialVersionUID = 1L;

	private final transient DurableMethods methods;

	/**
	 * Create the post-processor.
	 * @param methods the registry to fill
	 * @param starter starts workflows, looked up on first use
	 * @param activities runs activities, looked up on first use
	 * @param children runs child workflows, looked up on first use
	 */
	public DurableAdvisingPostProcessor(DurableMethods methods, ObjectFactory<WorkflowStarter> starter,
			ObjectFactory<ActivityInvoker> activities, ObjectFactory<ChildWorkflows> children) {
		this.methods = methods;
		this.advisor = new DefaultPointcutAdvisor(new DurablePointcut(),
				new DurableMethodInterceptor(methods, starter, activities, children));
		setBeforeExistingAdvisors(true);
		setProxyTargetClass(true);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		if (DurableMethods.declaresDurableMethods(targetClass)) {
			this.methods.register(beanName, targetClass);
		}
		return super.postProcessAfterInitialization(bean, beanName);
	}

	/** Matches entry points and activities by their annotations. */
	private static final class DurablePointcut extends StaticMethodMatcherPointcut {

		DurablePointcut() {
			setClassFilter(new ClassFilter() {
				@Override
				public boolean matches(Class<?> type) {
					return DurableMethods.declaresDurableMethods(type);
				}
			});
		}

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			return DurableMethods.isDurable(method, targetClass);
		}

	}

}
