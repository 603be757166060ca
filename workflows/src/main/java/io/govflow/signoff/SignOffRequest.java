package io.govflow.signoff;

import io.govflow.approval.DecisionRecord;
import io.govflow.approval.Outcome;
import io.govflow.project.ProjectRef;
import io.govflow.training.CandidateModel;
import java.util.List;

/** The final sign-off outcome with every decision behind it, to record on the model version and the model card. */
public record SignOffRequest(
    String useCaseId,
    String modelVersionId,
    ProjectRef project,
    CandidateModel candidate,
    Outcome outcome,
    String policyVersion,
    List<DecisionRecord> decisions) {}
