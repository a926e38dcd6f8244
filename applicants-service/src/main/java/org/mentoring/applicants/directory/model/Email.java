package org.mentoring.applicants.directory.model;

/** One email address of a person (SCIM {@code emails} value): {@code type} is work, home or other. */
public record Email(String value, String type, boolean primary) {
}
