package org.mentoring.loadtest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What one load run shares between its setup, the simulation's scenarios (which hand each other work through it: the
 * applications to accept, the proposals to approve, the pairs to walk) and the figures read after it.
 */
final class Run {

    /** The simulation and {@link LoadTest} run in one JVM: the run the simulation set up. */
    static volatile Run current;
    /** How many people the next simulation sets up: {@link LoadTest} sets it before the warm-up and the measured run. */
    static volatile int nextPeople = Integer.getInteger("load.people", 1000);

    final int people;
    final int admins;
    final String tag = UUID.randomUUID().toString().substring(0, 8);
    final Instant preparedAt;
    final Stack.Person owner;
    final List<Stack.Person> coAdmins;
    final List<Stack.Person> participants;
    final Map<String, Stack.Person> bySubject;
    final String programmeId;
    final double setupSeconds;
    /** CPU seconds of every process of the stack when the setup ended (Keycloak's users and tokens are not load). */
    final Map<String, LoadTest.Cpu> cpuAtPrepared;

    final List<String> applications = new CopyOnWriteArrayList<>();
    final List<Proposal> proposals = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedQueue<Proposal> pairsToWalk = new ConcurrentLinkedQueue<>();
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger pairsDone = new AtomicInteger();
    final AtomicInteger pairsFailed = new AtomicInteger();
    final Map<String, AtomicLong> rateLimited = new ConcurrentHashMap<>();
    final Map<String, Instant> milestones = new ConcurrentHashMap<>();
    volatile boolean finished;
    volatile String failure;

    record Proposal(String id, String menteeSubject, String mentorSubject) {
    }

    private Run(int people, int admins, Stack.Person owner, List<Stack.Person> coAdmins, List<Stack.Person> participants,
                String programmeId, Instant started) {
        this.people = people;
        this.admins = admins;
        this.owner = owner;
        this.coAdmins = coAdmins;
        this.participants = participants;
        this.bySubject = participants.stream().collect(Collectors.toMap(Stack.Person::subject, Function.identity()));
        this.programmeId = programmeId;
        this.preparedAt = Instant.now();
        this.setupSeconds = (preparedAt.toEpochMilli() - started.toEpochMilli()) / 1000.0;
        this.cpuAtPrepared = LoadTest.cpuSeconds();
    }

    /**
     * Keycloak made cheap for the run, {@code people} participants and {@code admins} co-admins created and signed in
     * once, and an OPEN programme whose team is the demo admin (owner) and the co-admins.
     */
    static Run prepare(int people, int admins) {
        Instant started = Instant.now();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String keycloak = Stack.masterAdminToken();
        Stack.cheapHashesAndLongTokens(keycloak);
        List<String> participantNames = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            participantNames.add("load-" + tag + "-" + i);
        }
        List<String> adminNames = new ArrayList<>();
        for (int i = 0; i < admins; i++) {
            adminNames.add("load-admin-" + tag + "-" + i);
        }
        Stack.createUsers(keycloak, participantNames, "participant");
        Stack.createUsers(keycloak, adminNames, "program-admin");
        System.out.printf("Load test: %d participants and %d admins created in Keycloak (%.1f s)%n", people, admins,
                (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0);
        List<Stack.Person> participants = Stack.signIn(participantNames);
        List<Stack.Person> coAdmins = Stack.signIn(adminNames);
        Stack.Person owner = Stack.person("ada.admin", Stack.passwordToken("ada.admin"));
        String programmeId = Stack.openProgramme(owner, coAdmins, "Load test " + tag + " (" + people + " people)");
        Run run = new Run(people, admins, owner, coAdmins, participants, programmeId, started);
        System.out.printf("Load test: signed in, programme %s open (setup %.1f s)%n", programmeId, run.setupSeconds);
        current = run;
        return run;
    }

    static String role(int index) {
        return index % 2 == 0 ? "MENTEE" : "MENTOR";
    }

    static String institute(int index) {
        return index % 2 == 0 ? "Institute of Physics" : "Institute for Data Science";
    }

    void milestone(String what) {
        milestones.putIfAbsent(what, Instant.now());
    }

    void rateLimited(String request) {
        rateLimited.computeIfAbsent(request, r -> new AtomicLong()).incrementAndGet();
    }

    /** Every {@code admins}-th item from {@code offset}: one admin's share of the work. */
    static <T> List<T> share(List<T> all, int offset, int admins) {
        List<T> mine = new ArrayList<>();
        for (int i = offset; i < all.size(); i += admins) {
            mine.add(all.get(i));
        }
        return mine;
    }
}
