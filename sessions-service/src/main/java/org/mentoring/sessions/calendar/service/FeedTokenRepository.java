package org.mentoring.sessions.calendar.service;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.mentoring.sessions.calendar.model.FeedToken;

@ApplicationScoped
public class FeedTokenRepository implements PanacheRepositoryBase<FeedToken, String> {
}
