package org.mentoring.sessions.survey.service;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.sessions.survey.model.Survey;

import java.util.UUID;

/** The surveys of every agreement. */
@ApplicationScoped
public class SurveyRepository implements PanacheRepositoryBase<Survey, UUID> {
}
