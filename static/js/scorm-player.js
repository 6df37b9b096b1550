/*
 * Bimtek SCORM player: runs a lesson's SCORM package in an iframe from the site's own origin,
 * with the SCORM runtime from the npm package scorm-again (window.API for SCORM 1.2,
 * window.API_1484_11 for 2004), wired to the lesson's run-time data endpoint.
 *
 * Each launch fetches the SCO's saved data (status, bookmark, suspend data, total time) and
 * gives it to a fresh runtime; commits go to the server on Commit, periodically (autocommit)
 * and on Finish/Terminate. The final commit says so ("finished") and uses a keep-alive fetch,
 * which outlives the page and, unlike a beacon, carries the CSRF header. So does any commit
 * made while the SCO's frame or the page is being left (another item chosen, a link inside
 * the SCO, the tab closed): browsers refuse synchronous requests then, which a SCO would see
 * as a failed commit. When the server reports the lesson done, the lesson's progress panel is
 * reloaded from the server.
 *
 * Items that never call the API are reported too: an asset (a plain file) when it is opened,
 * a SCO when it is left without having called Initialize; the server decides what that
 * counts as (docs/scorm.md, "Content that reports nothing").
 *
 * SCORM 2004 simple sequencing: the organisation's control mode decides whether the menu may
 * be used (choice) and whether "Previous part"/"Next part" move through the items in order
 * (flow, forwardOnly); a SCO's own navigation request (adl.nav.request: continue, previous,
 * choice) is carried out when it terminates.
 */
(function () {
    "use strict";
    var root = document.querySelector("[data-scorm-player]");
    if (!root) {
        return;
    }
    var frame = root.querySelector("[data-scorm-frame]");
    var statusLine = root.querySelector("[data-scorm-status]");
    var restart = root.querySelector("[data-scorm-restart]");
    var itemsElement = document.getElementById("scorm-items");
    var items = itemsElement ? JSON.parse(itemsElement.textContent) : [];
    var labelsElement = document.getElementById("scorm-status-labels");
    var statusLabels = labelsElement ? JSON.parse(labelsElement.textContent) : {};
    var is2004 = root.dataset.version !== "1.2";
    var dataUrl = root.dataset.dataUrl;
    var contentUrl = root.dataset.contentUrl;
    var recording = root.dataset.record === "true";
    var csrfToken = root.dataset.csrfToken;
    var autocommitSeconds = parseInt(root.dataset.autocommit || "30", 10);
    var KEEPALIVE_LIMIT = 60000;
    // SCORM 1.2 has one general failure code (101); 2004 has one for commits (391).
    var COMMIT_FAILURE = is2004 ? 391 : 101;
    var current = null;
    var pageLeaving = false;
    var choice = root.dataset.choice !== "false";
    var flow = root.dataset.flow === "true";
    var forwardOnly = root.dataset.forwardOnly === "true";
    var previousButton = root.querySelector("[data-scorm-previous]");
    var continueButton = root.querySelector("[data-scorm-continue]");
    var launchable = items.filter(function (item) { return item.launch; });
    var lessonDone = root.dataset.lessonDone === "true";

    function say(text) {
        if (statusLine) {
            statusLine.textContent = text;
        }
    }

    function message(name) {
        return root.dataset[name] || "";
    }

    function sessionKey() {
        if (window.crypto && window.crypto.randomUUID) {
            return window.crypto.randomUUID();
        }
        return String(Date.now()) + "-" + String(Math.random()).slice(2);
    }

    function markItem(identifier, status) {
        var button = root.querySelector('[data-scorm-item="' + CSS.escape(identifier) + '"]');
        if (button && status) {
            var label = button.querySelector("[data-scorm-item-status]");
            if (label) {
                label.textContent = statusLabels[status] || "";
            }
            button.dataset.status = status;
        }
    }

    function refreshLessonActions() {
        // The server renders the progress panel and the course outline beside the lesson;
        // fetch the page again and swap both in.
        fetch(window.location.href, {credentials: "same-origin"})
            .then(function (response) { return response.text(); })
            .then(function (html) {
                var fresh = new DOMParser().parseFromString(html, "text/html");
                ["lesson-actions", "course-outline"].forEach(function (id) {
                    var replacement = fresh.getElementById(id);
                    var here = document.getElementById(id);
                    if (replacement && here) {
                        here.replaceWith(replacement);
                    }
                });
            })
            .catch(function () { /* the panel is right again on the next page load */ });
    }

    function onResult(launch, data) {
        if (!data || (data.result !== "true" && data.result !== true)) {
            say(message("saveFailed"));
            return;
        }
        markItem(launch.identifier, data.status);
        if (launch === current && data.score !== null && data.score !== undefined) {
            say(message("scoreLabel") + ": " + data.score + "%");
        }
        if (data.lessonDone && !lessonDone) {
            lessonDone = true;
            root.dataset.lessonDone = "true";
            say(message("lessonDoneMessage"));
            refreshLessonActions();
        }
    }

    function payload(launch, params, metadata, finished) {
        return JSON.stringify({
            item: launch.identifier,
            session: launch.session,
            sequence: metadata && metadata.sequence,
            cmi: params && params.cmi ? params.cmi : params,
            finished: finished,
            csrfToken: csrfToken
        });
    }

    // A POST that outlives the page (keep-alive fetch); the answer, if the page is still
    // there to read it, updates the menu.
    function sendKeepalive(launch, body) {
        fetch(dataUrl, {
            method: "POST",
            keepalive: true,
            credentials: "same-origin",
            headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken},
            body: body
        }).then(function (response) { return response.json(); })
            .then(function (data) { onResult(launch, data); })
            .catch(function () {
                if (!pageLeaving) {
                    say(message("saveFailed"));
                }
            });
    }

    function leaving(launch) {
        return pageLeaving || launch.leaving || launch !== current;
    }

    // One per launch: a SCO that finishes after another item was chosen (its frame unloads
    // while the next item's data is fetched) still commits as itself.
    function httpServiceFor(launch) {
        return {
            processHttpRequest: function (url, params, immediate, apiLog, processListeners, metadata) {
                // ``immediate`` is the SCO's last commit (LMSFinish/Terminate).
                var body = payload(launch, params, metadata, Boolean(immediate));
                if ((immediate || leaving(launch)) && body.length < KEEPALIVE_LIMIT && window.fetch) {
                    sendKeepalive(launch, body);
                    return {result: "true", errorCode: 0};
                }
                var xhr = new XMLHttpRequest();
                try {
                    xhr.open("POST", url, false);
                    xhr.setRequestHeader("Content-Type", "application/json");
                    xhr.setRequestHeader("X-CSRFToken", csrfToken);
                    xhr.send(body);
                    var data = JSON.parse(xhr.responseText);
                    onResult(launch, data);
                    return {
                        result: data.result === "true" ? "true" : "false",
                        errorCode: typeof data.errorCode === "number" ? data.errorCode : COMMIT_FAILURE
                    };
                } catch (error) {
                    say(message("saveFailed"));
                    return {result: "false", errorCode: COMMIT_FAILURE};
                }
            },
            updateSettings: function () {}
        };
    }

    // The item before (step -1) or after (step 1) one, in the organisation's order.
    function neighbour(identifier, step) {
        var index = launchable.findIndex(function (item) { return item.identifier === identifier; });
        return index < 0 ? null : launchable[index + step] || null;
    }

    function canFlow(identifier, step) {
        return flow && !(step < 0 && forwardOnly) && Boolean(neighbour(identifier, step));
    }

    function updateFlowButtons(identifier) {
        if (previousButton) {
            previousButton.disabled = !canFlow(identifier, -1);
        }
        if (continueButton) {
            continueButton.disabled = !canFlow(identifier, 1);
        }
    }

    // A SCO's navigation request (adl.nav.request), carried out once it has terminated.
    function navigate(launch, request) {
        var text = String(request || "");
        var target = null;
        if (text === "continue" && canFlow(launch.identifier, 1)) {
            target = neighbour(launch.identifier, 1).identifier;
        } else if (text === "previous" && canFlow(launch.identifier, -1)) {
            target = neighbour(launch.identifier, -1).identifier;
        } else {
            var chosen = /^\{target=([^}]+)\}(choice|jump)$/.exec(text);
            if (chosen && (choice || chosen[2] === "jump")) {
                target = chosen[1];
            }
        }
        if (target && launch === current) {
            window.setTimeout(function () { load(target); }, 0);
        }
    }

    function newRuntime(cmi, launch) {
        var settings = {
            autocommit: recording,
            autocommitSeconds: autocommitSeconds,
            lmsCommitUrl: recording ? dataUrl : false,
            httpService: recording ? httpServiceFor(launch) : null,
            // Meant to complete a SCORM 1.2 SCO that never sets a status when it finishes;
            // scorm-again 3.4.3 does not (LMSInitialize takes its own default "not attempted"
            // for the SCO's), so the server applies that rule to the final commit.
            autoCompleteLessonStatus: true,
            logLevel: 4
        };
        var api = is2004 ? new window.Scorm2004API(settings) : new window.Scorm12API(settings);
        api.loadFromJSON(cmi);
        api.on(is2004 ? "Initialize" : "LMSInitialize", function () {
            launch.apiCalled = true;
        });
        if (is2004) {
            try {
                // What "adl.nav.request_valid.*" tells a SCO that asks before offering its own
                // buttons (settable only before Initialize).
                api.adl.nav.request_valid.continue = canFlow(launch.identifier, 1) ? "true" : "false";
                api.adl.nav.request_valid.previous = canFlow(launch.identifier, -1) ? "true" : "false";
            } catch (error) {
                // Older runtimes answer "unknown"; the SCO then offers its buttons anyway.
            }
        }
        var finished = is2004 ? "Terminate" : "LMSFinish";
        api.on(finished, function () {
            if (restart && launch === current) {
                restart.hidden = false;
            }
            if (is2004 && api.adl && api.adl.nav) {
                navigate(launch, api.adl.nav.request);
            }
        });
        return api;
    }

    function report(launch, visit, keepalive) {
        if (!recording || launch.reported === visit) {
            return;
        }
        launch.reported = visit;
        var body = JSON.stringify({
            item: launch.identifier, session: launch.session, visit: visit, csrfToken: csrfToken
        });
        if (keepalive) {
            sendKeepalive(launch, body);
            return;
        }
        fetch(dataUrl, {
            method: "POST",
            credentials: "same-origin",
            headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken},
            body: body
        }).then(function (response) { return response.json(); })
            .then(function (data) { onResult(launch, data); })
            .catch(function () { say(message("saveFailed")); });
    }

    // The launch is being left: its commits from now on go out as keep-alive requests, and a
    // SCO that never called the API is reported as left.
    function leave(launch) {
        if (!launch) {
            return;
        }
        launch.leaving = true;
        if (launch.sco && !launch.apiCalled) {
            report(launch, "left", true);
        }
    }

    function load(identifier) {
        var item = items.find(function (each) { return each.identifier === identifier; });
        if (!item) {
            return;
        }
        if (restart) {
            restart.hidden = true;
        }
        say(message("loading"));
        // Unloading the previous SCO first lets it finish against its own runtime; with no
        // current launch meanwhile, its finishing does not offer to reopen it.
        leave(current);
        current = null;
        frame.src = "about:blank";
        fetch(dataUrl + "?item=" + encodeURIComponent(identifier), {credentials: "same-origin"})
            .then(function (response) {
                if (!response.ok) {
                    throw new Error(String(response.status));
                }
                return response.json();
            })
            .then(function (data) {
                current = {
                    identifier: identifier,
                    session: sessionKey(),
                    sco: Boolean(item.sco),
                    apiCalled: false,
                    leaving: false
                };
                var api = newRuntime(data.cmi, current);
                if (is2004) {
                    window.API_1484_11 = api;
                } else {
                    window.API = api;
                }
                root.querySelectorAll("[data-scorm-item]").forEach(function (button) {
                    button.setAttribute("aria-current", button.dataset.scormItem === identifier ? "true" : "false");
                });
                updateFlowButtons(identifier);
                frame.src = contentUrl + item.launch;
                say(recording ? "" : message("preview"));
                if (!item.sco) {
                    report(current, "opened", false);
                }
            })
            .catch(function () { say(message("loadFailed")); });
    }

    // Each page the SCO's frame shows: while it is being left (a link inside the SCO, or
    // another item), its commits must not be synchronous requests.
    frame.addEventListener("load", function () {
        var launch = current;
        var view = frame.contentWindow;
        if (!launch || !view || frame.getAttribute("src") === "about:blank") {
            return;
        }
        launch.leaving = false;
        try {
            ["beforeunload", "pagehide"].forEach(function (name) {
                view.addEventListener(name, function () { launch.leaving = true; });
            });
        } catch (error) {
            // Another origin (SCORM_CONTENT_ORIGIN): nothing is recorded there anyway.
        }
    });
    ["beforeunload", "pagehide"].forEach(function (name) {
        window.addEventListener(name, function () {
            pageLeaving = true;
            if (current && current.sco && !current.apiCalled) {
                report(current, "left", true);
            }
        });
    });
    window.addEventListener("pageshow", function () { pageLeaving = false; });

    root.querySelectorAll("[data-scorm-item]").forEach(function (button) {
        button.addEventListener("click", function () { load(button.dataset.scormItem); });
    });
    [[previousButton, -1], [continueButton, 1]].forEach(function (pair) {
        if (pair[0]) {
            pair[0].addEventListener("click", function () {
                var from = current ? current.identifier : null;
                if (from && canFlow(from, pair[1])) {
                    load(neighbour(from, pair[1]).identifier);
                }
            });
        }
    });
    if (restart) {
        restart.addEventListener("click", function () {
            if (current) {
                load(current.identifier);
            }
        });
    }
    var first = launchable.find(function (item) {
        return item.status !== "completed" && item.status !== "passed";
    }) || launchable[0];
    if (first) {
        load(first.identifier);
    }
}());
