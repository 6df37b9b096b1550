/*
 * Bimtek SCORM player: runs a lesson's SCORM package in an iframe from the site's own origin,
 * with the SCORM runtime from the npm package scorm-again (window.API for SCORM 1.2,
 * window.API_1484_11 for 2004), wired to the lesson's run-time data endpoint.
 *
 * Each launch fetches the SCO's saved data (status, bookmark, suspend data, total time) and
 * gives it to a fresh runtime; commits go to the server on Commit, periodically (autocommit)
 * and on Finish/Terminate. The final commit says so ("finished") and uses a keep-alive fetch,
 * which outlives the page and, unlike a beacon, carries the CSRF header. When the server
 * reports the lesson done, the lesson's progress panel is reloaded from the server.
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
    var current = null;
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

    // One per launch: a SCO that finishes after another item was chosen (its frame unloads
    // while the next item's data is fetched) still commits as itself.
    function httpServiceFor(launch) {
        return {
            processHttpRequest: function (url, params, immediate, apiLog, processListeners, metadata) {
                // ``immediate`` is the SCO's last commit (LMSFinish/Terminate).
                var body = payload(launch, params, metadata, Boolean(immediate));
                if (immediate && body.length < KEEPALIVE_LIMIT && window.fetch) {
                    fetch(url, {
                        method: "POST",
                        keepalive: true,
                        credentials: "same-origin",
                        headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken},
                        body: body
                    }).then(function (response) { return response.json(); })
                        .then(function (data) { onResult(launch, data); })
                        .catch(function () { say(message("saveFailed")); });
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
                        errorCode: typeof data.errorCode === "number" ? data.errorCode : 101
                    };
                } catch (error) {
                    say(message("saveFailed"));
                    return {result: "false", errorCode: 101};
                }
            },
            updateSettings: function () {}
        };
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
        var finished = is2004 ? "Terminate" : "LMSFinish";
        api.on(finished, function () {
            if (restart && launch === current) {
                restart.hidden = false;
            }
        });
        return api;
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
                current = {identifier: identifier, session: sessionKey()};
                var api = newRuntime(data.cmi, current);
                if (is2004) {
                    window.API_1484_11 = api;
                } else {
                    window.API = api;
                }
                root.querySelectorAll("[data-scorm-item]").forEach(function (button) {
                    button.setAttribute("aria-current", button.dataset.scormItem === identifier ? "true" : "false");
                });
                frame.src = contentUrl + item.launch;
                say(recording ? "" : message("preview"));
            })
            .catch(function () { say(message("loadFailed")); });
    }

    root.querySelectorAll("[data-scorm-item]").forEach(function (button) {
        button.addEventListener("click", function () { load(button.dataset.scormItem); });
    });
    if (restart) {
        restart.addEventListener("click", function () {
            if (current) {
                load(current.identifier);
            }
        });
    }
    var launchable = items.filter(function (item) { return item.launch; });
    var first = launchable.find(function (item) {
        return item.status !== "completed" && item.status !== "passed";
    }) || launchable[0];
    if (first) {
        load(first.identifier);
    }
}());
