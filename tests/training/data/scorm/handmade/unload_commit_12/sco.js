// A SCO that saves its place while its page is being left, as many authoring tools do:
// LMSSetValue and LMSCommit in the unload handlers, then LMSFinish. Each commit's
// LMSGetLastError is written to the parent page's window.scoCommitErrors (the test reads it).
(function () {
    "use strict";
    var api = window.parent.API;
    var part = (/part=(\w+)/.exec(window.location.search) || [])[1] || "?";
    var finished = false;
    document.getElementById("title").textContent = "SCO " + part;
    api.LMSInitialize("");
    api.LMSSetValue("cmi.core.lesson_status", "incomplete");
    function save(where) {
        var errors = window.parent.scoCommitErrors = window.parent.scoCommitErrors || [];
        api.LMSSetValue("cmi.core.lesson_location", where);
        api.LMSCommit("");
        errors.push(String(api.LMSGetLastError()));
    }
    function leave() {
        if (finished) {
            return;
        }
        save("left-" + part);
        api.LMSSetValue("cmi.core.lesson_status", "completed");
        finished = true;
        api.LMSFinish("");
    }
    window.addEventListener("beforeunload", function () { save("leaving-" + part); });
    window.addEventListener("pagehide", leave);
    window.addEventListener("unload", leave);
}());
