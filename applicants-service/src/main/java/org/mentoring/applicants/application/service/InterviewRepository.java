package org.mentoring.applicants.application.service;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.applicants.application.model.Interview;

import java.util.UUID;

@ApplicationScoped
public class InterviewRepository implements PanacheRepositoryBase<Interview, UUID> {
}
