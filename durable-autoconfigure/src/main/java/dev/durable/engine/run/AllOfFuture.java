package dev.durable.engine.run;

import java.util.List;

/**
 * {@code DurableFuture.allOf}: done when every member is; its outcome is the failure of the first
 * failed member in the given order, else {@code null}. It takes no step: whether every member is
 * done is the same on every replay.
 */
final class AllOfFuture extends StepFuture<Void> {

	private final List<StepFuture<?>> members;

	AllOfFuture(FutureSteps futures, List<StepFuture<?>> members) {
		super(futures);
		this.members = List.copyOf(members);
	}

	@Override
	boolean poll() {
		boolean all = true;
		for (StepFuture<?> member : this.members) {
			all &= member.poll();
		}
		return all;
	}

	@Override
	Void outcome() {
		for (StepFuture<?> member : this.members) {
			member.outcome();
		}
		return null;
	}

	@Override
	void pending(PendingWait pending) {
		for (StepFuture<?> member : this.members) {
			if (!member.poll()) {
				member.pending(pending);
			}
		}
	}

	@Override
	Progress progress() {
		Progress all = Progress.DONE;
		for (StepFuture<?> member : this.members) {
			Progress progress = member.progress();
			if (progress == Progress.RUNNING_HERE) {
				return progress;
			}
			if (progress == Progress.ELSEWHERE) {
				all = progress;
			}
		}
		return all;
	}

	@Override
	Throwable abandoned() {
		for (StepFuture<?> member : this.members) {
			Throwable abandoned = member.abandoned();
			if (abandoned != null) {
				return abandoned;
			}
		}
		return null;
	}

}
