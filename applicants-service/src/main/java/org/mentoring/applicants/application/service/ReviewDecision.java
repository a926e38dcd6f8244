package org.mentoring.applicants.application.service;

/** An admin's decision on an application; a rejection needs a reason, which the applicant is shown. */
public record ReviewDecision(Verdict verdict, String reason) {

    public enum Verdict { ACCEPT, REJECT }
}
