package org.mentoring.applicants.application.service;

import java.time.Instant;

/** A short interview an admin asks for before deciding on an application; {@code adminNotes} are for admins only. */
public record InterviewPlan(Instant scheduledAt, Integer durationMinutes, String videoLink, String adminNotes) {
}
