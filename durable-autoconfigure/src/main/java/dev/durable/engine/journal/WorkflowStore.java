package dev.durable.engine.journal;

/**
 * The journal as the engine needs it: the sum of its roles, for the parts of the engine that use
 * several. A class that needs one role depends on that role alone: {@link WorkflowJournal} to
 * write a run, {@link WorkflowClaims} to claim and lease, {@link WorkflowCommands} for signals,
 * cancellation, retries and retention, {@link WorkflowQueries} to read, {@link WorkflowDeadlines}
 * for timeouts, {@link WorkflowSchedules} for schedules, {@link WorkflowQueues} for queues.
 */
public interface WorkflowStore
		extends WorkflowJournal, WorkflowClaims, WorkflowCommands, WorkflowQueries, WorkflowDeadlines,
		WorkflowSchedules, WorkflowQueues {

}
