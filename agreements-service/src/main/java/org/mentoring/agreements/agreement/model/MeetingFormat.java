package org.mentoring.agreements.agreement.model;

/** How the pair prefers to meet (the mentee's preference from the match). */
public enum MeetingFormat { IN_PERSON, ONLINE }
