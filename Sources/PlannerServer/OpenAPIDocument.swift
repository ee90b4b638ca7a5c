/// docs/openapi.yaml, served at `/v1/openapi.yaml`. A test checks the two are the same text:
/// after editing the document, paste it here.
enum OpenAPIDocument {
    static let yaml = """
        openapi: 3.1.0
        info:
          title: hearing-planner
          version: "1"
          summary: Plans asylum hearings and re-plans them within seconds of a change.
          description: |
            The service keeps the week's roster, an append-only log of change events, every plan
            version and an audit trail. Every route but /healthz and a calendar feed link needs a bearer
            token: a planner's token may write, a viewer's may only read. Every answer carries
            `Cache-Control: no-store`; a method a path does not have is answered 405 with `Allow`.
            docs/api.md explains the routes with examples, and the limits.
          license:
            name: see the project's repository
        servers:
          - url: http://127.0.0.1:8470
        security:
          - bearer: []
        paths:
          /healthz:
            get:
              summary: The process is alive.
              security: []
              responses:
                "200":
                  description: Alive.
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          status: {type: string, const: alive}
                          version: {type: string, description: "The version of hearing-planner that runs, such as 1.0.0."}
          /readyz:
            get:
              summary: There is a current plan and the last solve succeeded.
              responses:
                "200":
                  description: Ready.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Readiness"}
                "503":
                  description: Starting (no plan yet) or degraded (the last solve gave no plan); the reason says which.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Readiness"}
                "401": {$ref: "#/components/responses/Unauthorized"}
          /metrics:
            get:
              summary: Metrics in Prometheus's text format.
              description: |
                hearing_planner_solve_seconds (histogram), hearing_planner_plan_gap,
                hearing_planner_replans_total{outcome}, hearing_planner_events_pending,
                hearing_planner_plan_version, hearing_planner_preference_fulfilment_rate{role},
                hearing_planner_build_info{version} (always 1),
                hearing_planner_retention_last_run_timestamp_seconds; with several daemons on one
                PostgreSQL database, hearing_planner_leader{instance} (1 on the daemon that re-plans)
                and hearing_planner_database_reachable{instance}.
              responses:
                "200":
                  description: The metrics.
                  content:
                    text/plain:
                      schema: {type: string}
                "401": {$ref: "#/components/responses/Unauthorized"}
          /v1/openapi.yaml:
            get:
              summary: This document.
              responses:
                "200":
                  description: OpenAPI 3.1 in YAML.
                  content:
                    application/yaml:
                      schema: {type: string}
                "401": {$ref: "#/components/responses/Unauthorized"}
          /v1/rosters:
            post:
              summary: Submit the week's roster; answers once its first plan is made.
              description: |
                A roster@1 document (docs/formats.md). It is validated first: with any error, nothing is
                stored and the answer is 422 with every problem and its place. A valid roster is stored,
                becomes the roster the service plans, and is planned at once; the answer waits for that
                plan (up to the solve time limit). Events posted before belong to the previous roster.
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {type: object, description: roster@1}
                  application/vnd.openxmlformats-officedocument.spreadsheetml.sheet:
                    schema: {type: string, format: binary, description: "a roster workbook (docs/formats-xlsx.md), stored as the roster@1 it reads as"}
              responses:
                "201":
                  description: Stored and planned; Location names the plan version.
                  headers:
                    Location:
                      schema: {type: string}
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [roster, version, status]
                        properties:
                          roster: {type: integer}
                          version: {type: integer}
                          status: {type: string, enum: [optimal, feasible]}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
                "409":
                  description: Stored, but fixed hearings cannot all be held as fixed (error.hearings names them), or another roster was submitted meanwhile (superseded).
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Error"}
                "413": {$ref: "#/components/responses/TooLarge"}
                "422": {$ref: "#/components/responses/Invalid"}
                "503":
                  description: Stored, but no plan was found within the time limit; the last good plan stays current.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Error"}
          /v1/events:
            post:
              summary: Report changes (events@1); acknowledged once committed to disk.
              description: |
                The events are checked, in order, against the current roster with every event accepted
                before them. If one does not fit, none of the batch is kept and the answer is 422 naming
                it. Otherwise the new events are committed in one transaction and the answer is 202; the
                service re-plans shortly after (changes arriving close together are planned together).
                Idempotent by event id: an id accepted before for this roster is skipped.
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {type: object, description: events@1}
              responses:
                "202":
                  description: Committed; a new plan version follows.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [accepted, skipped, pendingEvents]
                        properties:
                          accepted: {type: array, items: {type: string}}
                          skipped: {type: array, items: {type: string}}
                          pendingEvents: {type: integer}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
                "409":
                  description: There is no roster yet (no-roster).
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Error"}
                "413": {$ref: "#/components/responses/TooLarge"}
                "422": {$ref: "#/components/responses/Invalid"}
          /v1/plans/current:
            get:
              summary: The current plan, plan@1 with its version.
              parameters:
                - {$ref: "#/components/parameters/ifNoneMatch"}
              responses:
                "200": {$ref: "#/components/responses/Plan"}
                "304": {$ref: "#/components/responses/NotModified"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "404": {$ref: "#/components/responses/NotFound"}
          /v1/plans/{version}:
            get:
              summary: A plan version, current or older.
              parameters:
                - {$ref: "#/components/parameters/version"}
                - {$ref: "#/components/parameters/ifNoneMatch"}
              responses:
                "200": {$ref: "#/components/responses/Plan"}
                "304": {$ref: "#/components/responses/NotModified"}
                "400": {$ref: "#/components/responses/BadRequest"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "404": {$ref: "#/components/responses/NotFound"}
          /v1/plans/{version}/changes:
            get:
              summary: What changed in this version against the one before it, per hearing and per person.
              description: For a roster's first plan, baselineVersion is null and the lists are empty.
              parameters:
                - {$ref: "#/components/parameters/version"}
              responses:
                "200":
                  description: The changes.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [version, changes, people]
                        properties:
                          version: {type: integer}
                          baselineVersion: {type: [integer, "null"]}
                          changes:
                            type: array
                            items: {$ref: "#/components/schemas/Change"}
                          people:
                            description: Who must be told what; for a re-plan, the plan's own changesByPerson.
                            type: array
                            items: {$ref: "#/components/schemas/PersonChanges"}
                "400": {$ref: "#/components/responses/BadRequest"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "404": {$ref: "#/components/responses/NotFound"}
          /v1/plans/{version}/verification:
            get:
              summary: The independent check of a plan version (hearing-planner verify), with every claim that does not hold.
              description: >-
                Hard rules, scores and objective, for a re-plan the freeze and the changes against the version before it,
                and the claim behind every reason (docs/verification.md). Made once per version and kept.
              parameters:
                - {$ref: "#/components/parameters/version"}
              responses:
                "200":
                  description: The report (hearing-planner/verification@1); passed is false when a claim does not hold.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Verification"}
                "400": {$ref: "#/components/responses/BadRequest"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "404": {$ref: "#/components/responses/NotFound"}
          /v1/plans/{version}/export:
            get:
              summary: The plan version as a workbook people read and print (docs/formats-xlsx.md).
              description: |
                An overview, a sheet per location, every hearing held, the unmet preferences and the
                hearings not held with their reasons in words, the changes per person against the version
                before, and a sheet per interpreter and per officer. Sent with Cache-Control no-store.
              parameters:
                - {$ref: "#/components/parameters/version"}
                - name: format
                  in: query
                  schema: {type: string, enum: [xlsx], default: xlsx}
                - name: lang
                  in: query
                  description: The language of the sheets; without it, Accept-Language decides (Dutch first).
                  schema: {type: string, enum: [nl, en]}
              responses:
                "200":
                  description: The workbook.
                  headers:
                    Cache-Control:
                      schema: {type: string, const: no-store}
                  content:
                    application/vnd.openxmlformats-officedocument.spreadsheetml.sheet:
                      schema: {type: string, format: binary}
                "400": {$ref: "#/components/responses/BadRequest"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "404": {$ref: "#/components/responses/NotFound"}
          /v1/reports/fulfilment:
            get:
              summary: The fulfilment report (report@1) of the current plan.
              description: Groups with fewer preference requests than minCell show no numbers (docs/reports.md).
              parameters:
                - name: format
                  in: query
                  schema: {type: string, enum: [json, csv, html], default: json}
                - name: groupBy
                  in: query
                  description: Comma-separated breakdowns, from week, language, location, priority, kind, role, sex.
                  schema: {type: string}
                - name: minCell
                  in: query
                  schema: {type: integer, minimum: 1, default: 5}
              responses:
                "200":
                  description: The report.
                  content:
                    application/json:
                      schema: {type: object, description: report@1}
                    text/csv:
                      schema: {type: string}
                    text/html:
                      schema: {type: string}
                "400": {$ref: "#/components/responses/BadRequest"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "404": {$ref: "#/components/responses/NotFound"}
          /v1/people/{id}/calendar.ics:
            get:
              summary: One interpreter's or officer's hearings in the current plan, as iCalendar.
              parameters:
                - name: id
                  in: path
                  required: true
                  schema: {type: string}
              responses:
                "200":
                  description: The calendar; times in UTC.
                  content:
                    text/calendar:
                      schema: {type: string}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "404": {$ref: "#/components/responses/NotFound"}
          /v1/people/{id}/feeds:
            post:
              summary: A new calendar feed link for one interpreter or officer (planners only).
              description: |
                Calendar programs cannot send a bearer token, so the link's secret is its credential: anyone
                who has the link reads that person's hearings in the current plan, without a token, until a
                planner revokes it. The secret is in `url` in this answer only; only its SHA-256 is kept.
                The trade-off is in docs/privacy.md.
              parameters:
                - name: id
                  in: path
                  required: true
                  schema: {type: string}
              responses:
                "201":
                  description: The link, with its secret in `url`.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Feed"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
                "404": {$ref: "#/components/responses/NotFound"}
          /v1/feeds:
            get:
              summary: Every calendar feed link, without its secret (planners only).
              responses:
                "200":
                  description: The links, oldest first.
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          feeds:
                            type: array
                            items: {$ref: "#/components/schemas/Feed"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
          /v1/feeds/{feed}:
            delete:
              summary: Revokes a calendar feed link at once (planners only).
              parameters:
                - name: feed
                  in: path
                  required: true
                  schema: {type: integer}
              responses:
                "204": {description: Revoked; the link answers 404 from now on.}
                "400": {$ref: "#/components/responses/BadRequest"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
                "404": {$ref: "#/components/responses/NotFound"}
          /v1/calendars/{secret}.ics:
            get:
              summary: A calendar feed link, for calendar programs; the secret in the path is the credential.
              security: []
              parameters:
                - name: secret
                  in: path
                  required: true
                  schema: {type: string, pattern: "^hpf_[A-Za-z0-9_-]{43}$"}
              responses:
                "200":
                  description: The person's hearings in the current plan, as iCalendar; times in UTC.
                  content:
                    text/calendar:
                      schema: {type: string}
                "404": {$ref: "#/components/responses/NotFound"}
          /v1/hearings/{id}/options:
            get:
              summary: The ways one hearing could be held, given everybody else's assignments in the current plan (options@1).
              description: |
                The answer of `hearing-planner options` for the current plan and its roster (docs/whatif.md):
                best first, each way with its score and the other hearings that would have to move; the
                earliest slot for each requested preference, or why it cannot be met; a recommendation. It
                names hearings and people, like the plan. Computed one question at a time on a thread of its
                own; on rosters above 500 hearings the search for moves is bounded, and an option not proven
                best says isExact false.
              parameters:
                - name: id
                  in: path
                  required: true
                  description: The hearing's id.
                  schema: {type: string}
                - name: all
                  in: query
                  description: List every distinct way, not only those no other way beats.
                  schema: {type: boolean, default: false}
              responses:
                "200":
                  description: The options.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/HearingOptions"}
                "400": {$ref: "#/components/responses/BadRequest"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "404":
                  description: No plan yet (no-plan), or the current plan's roster has no such hearing (unknown-hearing).
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Error"}
          /v1/tradeoff:
            post:
              summary: Start a tradeoff sweep of the current plan's roster; answers 202 at once.
              description: |
                Plans the current plan's roster once per preference penalty, as `hearing-planner tradeoff`
                does (docs/whatif.md), in the background. One sweep runs at a time; up to four more wait
                their turn, and a further one is refused with 409 tradeoff-busy. Each point of a sweep takes
                the solver in turn with re-planning, re-planning first, so a change waits at most for the
                point in progress. Every field is optional; an empty body asks for the defaults.
              requestBody:
                required: false
                content:
                  application/json:
                    schema:
                      type: object
                      additionalProperties: false
                      properties:
                        penalties:
                          type: array
                          minItems: 1
                          items: {type: number, minimum: 0}
                          description: Standard-priority preference penalties; the roster's own is always added.
                          default: [0, 10, 20, 40, 60, 120]
                        timeLimit:
                          type: number
                          exclusiveMinimum: 0
                          description: Seconds for the whole sweep, at most (and by default) the service's solve time limit.
                        gap: {type: number, minimum: 0, default: 0, description: Stop each plan once proven within this relative gap.}
                        format: {type: string, enum: [json, csv, html], default: json, description: "The report's format when GET /v1/tradeoff/{job} does not say."}
              responses:
                "202":
                  description: Queued; Location names the job.
                  headers:
                    Location:
                      schema: {type: string}
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/TradeoffJob"}
                "400":
                  description: A field of the body is not valid (bad-tradeoff; the message names it).
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Error"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "403": {$ref: "#/components/responses/Forbidden"}
                "409":
                  description: No plan yet (no-plan), or four sweeps are waiting already (tradeoff-busy).
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Error"}
                "413": {$ref: "#/components/responses/TooLarge"}
          /v1/tradeoff/{job}:
            get:
              summary: A tradeoff sweep's status, and its report once done.
              description: |
                Until the sweep is done (and with format json) the answer is the job as JSON, the report
                inside it once done. With format csv or html a done sweep answers its report in that format.
                Finished sweeps are kept in memory, the last eight, until the service restarts.
              parameters:
                - name: job
                  in: path
                  required: true
                  schema: {type: string}
                - name: format
                  in: query
                  description: The format of the report; by default the one the sweep was asked for with.
                  schema: {type: string, enum: [json, csv, html]}
              responses:
                "200":
                  description: The job, or its report.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/TradeoffJob"}
                    text/csv:
                      schema: {type: string}
                    text/html:
                      schema: {type: string}
                "400": {$ref: "#/components/responses/BadRequest"}
                "401": {$ref: "#/components/responses/Unauthorized"}
                "404":
                  description: No such sweep (unknown-job).
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Error"}
        components:
          securitySchemes:
            bearer:
              type: http
              scheme: bearer
              description: A token made with `hearing-planner token add NAME --role planner|viewer --tokens FILE`.
          parameters:
            version:
              name: version
              in: path
              required: true
              schema: {type: integer, minimum: 1}
            ifNoneMatch:
              name: If-None-Match
              in: header
              required: false
              description: The ETag of the plan the client has ("plan-VERSION"); 304 without a body while it is still that version.
              schema: {type: string}
          headers:
            PlanETag:
              description: '"plan-VERSION": names the plan version, the same for both encodings.'
              schema: {type: string}
            VaryAcceptEncoding:
              description: Accept-Encoding (the body may be gzip-compressed).
              schema: {type: string}
          responses:
            NotModified:
              description: The plan is the version named in If-None-Match; no body.
              headers:
                ETag: {$ref: "#/components/headers/PlanETag"}
                Vary: {$ref: "#/components/headers/VaryAcceptEncoding"}
            Plan:
              description: >-
                plan@1 (docs/formats.md) with a top-level integer version, as compact JSON; ETag "plan-VERSION".
                The current version is sent gzip-compressed when Accept-Encoding allows gzip (compressed once per version).
              headers:
                ETag: {$ref: "#/components/headers/PlanETag"}
                Vary: {$ref: "#/components/headers/VaryAcceptEncoding"}
                Content-Encoding:
                  description: gzip when Accept-Encoding allows it and the version is the current one; absent otherwise.
                  schema: {type: string, enum: [gzip]}
              content:
                application/json:
                  schema:
                    type: object
                    required: [format, version, status, assignments, unscheduled, changes]
                    properties:
                      format: {type: string, const: hearing-planner/plan@1}
                      version: {type: integer}
                      status: {type: string, enum: [optimal, feasible]}
                      appliedEvents: {type: array, items: {type: string}}
                      changesByPerson:
                        description: Re-plans only. Per interpreter and officer whose work changed, the hearings gained, lost or moved.
                        type: array
                        items: {$ref: "#/components/schemas/PersonChanges"}
                      replannedAt: {type: string, format: date-time, description: Re-plans only. The moment the re-plan took as now.}
            BadRequest:
              description: A parameter is not valid.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Error"}
            Unauthorized:
              description: No bearer token, or one the service does not know.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Error"}
            Forbidden:
              description: A viewer's token asked to write.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Error"}
            NotFound:
              description: No such plan version or person, or no plan yet.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Error"}
            TooLarge:
              description: The body is larger than the configured limit.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Error"}
            Invalid:
              description: The document has errors (error.diagnostics, each with its place) or an event does not fit (error.event).
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Error"}
          schemas:
            Verification:
              type: object
              required: [format, passed, checked, findings, notChecked]
              properties:
                format: {type: string, const: hearing-planner/verification@1}
                passed: {type: boolean}
                checked:
                  type: object
                  required: [assignments, unmetPreferences, unscheduled, alternatives, changes]
                  properties:
                    assignments: {type: integer, minimum: 0}
                    unmetPreferences: {type: integer, minimum: 0}
                    unscheduled: {type: integer, minimum: 0}
                    alternatives: {type: integer, minimum: 0}
                    changes: {type: integer, minimum: 0}
                findings:
                  type: array
                  items:
                    type: object
                    required: [check, message]
                    properties:
                      hearing: {type: string}
                      check: {type: string, description: "rule 1 to rule 9, score, objective, consistency, freeze, changes, changesByPerson, or reason CODE"}
                      message: {type: string}
                notChecked: {type: array, items: {type: string}}
            PersonChanges:
              type: object
              required: [person, role, gained, lost, moved]
              properties:
                person: {type: string}
                role: {type: string, enum: [interpreter, officer]}
                gained: {type: array, items: {$ref: "#/components/schemas/Change"}}
                lost: {type: array, items: {$ref: "#/components/schemas/Change"}}
                moved:
                  type: array
                  items:
                    type: object
                    required: [hearing, before, after]
                    properties:
                      hearing: {type: string}
                      before: {$ref: "#/components/schemas/Placement"}
                      after: {$ref: "#/components/schemas/Placement"}
            Error:
              type: object
              required: [error]
              properties:
                error:
                  type: object
                  required: [code, message]
                  properties:
                    code: {type: string}
                    message: {type: string}
                    diagnostics:
                      type: array
                      items:
                        type: object
                        properties:
                          severity: {type: string, enum: [error, warning]}
                          place: {type: string, description: "JSON path with line and column, e.g. hearings[12].latest (line 240, column 18)"}
                          message: {type: string}
                    event:
                      type: object
                      properties:
                        index: {type: integer, description: 0-based position in the batch}
                        id: {type: string}
                        reasons: {type: array, items: {type: string}}
                    hearings: {type: array, items: {type: string}}
            Feed:
              type: object
              required: [feed, person, createdAt, createdBy]
              properties:
                feed: {type: integer, description: The link's number, to revoke it.}
                person: {type: string, description: The interpreter's or officer's id.}
                createdAt: {type: string, format: date-time}
                createdBy: {type: string, description: The name of the planner's token that made it.}
                lastUsedAt: {type: string, format: date-time, description: When a calendar program last read it (to the minute).}
                url: {type: string, description: "Only when made: the path with the secret, /v1/calendars/hpf_....ics."}
            Readiness:
              type: object
              required: [status, pendingEvents, isSolving]
              properties:
                status: {type: string, enum: [ready, starting, degraded]}
                version: {type: integer}
                reason: {type: string}
                pendingEvents: {type: integer}
                isSolving: {type: boolean}
                instance: {type: string, description: "With several daemons on one PostgreSQL database: this daemon's name (database.instance)."}
                role: {type: string, enum: [leader, follower], description: "With several daemons: whether this one re-plans (leader) or serves what the leader publishes."}
                database: {type: string, enum: [reachable, unreachable], description: "With several daemons: whether this daemon's session to the database is up."}
            Placement:
              type: object
              properties:
                date: {type: string, format: date}
                slot: {type: string}
                interpreter: {type: string}
                officer: {type: string}
            Change:
              type: object
              properties:
                hearing: {type: string}
                before: {$ref: "#/components/schemas/Placement"}
                after: {$ref: "#/components/schemas/Placement"}
                forced: {type: boolean}
                rule: {type: string}
            HearingOptions:
              type: object
              description: hearing-planner/options@1; every field is explained in docs/whatif.md.
              required: [format, hearing, waysFound, listing, options, recommendation, preferences]
              properties:
                format: {type: string, const: hearing-planner/options@1}
                hearing: {type: string}
                current: {$ref: "#/components/schemas/Spot"}
                currentScore: {type: number}
                waysFound: {type: integer}
                listing: {type: string, enum: [best, all]}
                options:
                  type: array
                  items:
                    type: object
                    properties:
                      spot: {$ref: "#/components/schemas/Spot"}
                      slots: {type: array, items: {type: string}}
                      interpreterPreference: {type: string, enum: [met, unmet, none]}
                      officerPreference: {type: string, enum: [met, unmet, none]}
                      score: {type: number}
                      delayDays: {type: integer}
                      waitDays: {type: integer}
                      moves:
                        type: array
                        items:
                          type: object
                          properties:
                            hearing: {type: string}
                            from: {$ref: "#/components/schemas/Spot"}
                            to: {$ref: "#/components/schemas/Spot"}
                            scoreChange: {type: number}
                      loss: {type: number}
                      value: {type: number}
                      objectiveChange: {type: number}
                      isCurrent: {type: boolean}
                      isExact: {type: boolean}
                recommended: {type: integer, description: An index into options; absent when the advice is to wait.}
                recommendation: {type: string}
                preferences:
                  type: array
                  items:
                    type: object
                    properties:
                      role: {type: string, enum: [interpreter, officer]}
                      requested: {type: string, enum: [female, male]}
                      earliest: {type: string}
                      earliestWithoutMoves: {type: string}
                      bestValue: {type: number}
                      reason: {$ref: "#/components/schemas/Reason"}
                reason: {$ref: "#/components/schemas/Reason"}
            Spot:
              type: object
              properties:
                date: {type: string, format: date}
                slot: {type: string}
                interpreter: {type: string}
                interpreterMode: {type: string, enum: [onsite, remote]}
                language: {type: string}
                officer: {type: string}
            Reason:
              type: object
              properties:
                code: {type: string}
                detail: {type: string}
            TradeoffJob:
              type: object
              required: [job, status, planVersion, penalties, timeLimit, gap, format, points, pointsDone, submittedAt]
              properties:
                job: {type: string}
                status: {type: string, enum: [queued, running, done, failed]}
                planVersion: {type: integer, description: The plan version whose roster is swept.}
                penalties: {type: array, items: {type: number}, description: The penalties planned, ascending.}
                timeLimit: {type: number}
                gap: {type: number}
                format: {type: string, enum: [json, csv, html]}
                points: {type: integer}
                pointsDone: {type: integer}
                submittedAt: {type: string, format: date-time}
                startedAt: {type: string, format: date-time}
                finishedAt: {type: string, format: date-time}
                reason: {type: string, description: Why a failed sweep failed.}
                report: {type: object, description: "hearing-planner/tradeoff@1 (docs/whatif.md), once done."}
        """
}
