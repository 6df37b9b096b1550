(function () {
    "use strict";
    var api = window.parent.API_1484_11;
    var part = (/part=(\w+)/.exec(window.location.search) || [])[1] || "?";
    document.getElementById("title").textContent = "Bagian " + part;
    api.Initialize("");
    window.scoNavigation = {
        continue: api.GetValue("adl.nav.request_valid.continue"),
        previous: api.GetValue("adl.nav.request_valid.previous")
    };
    function leave(request) {
        api.SetValue("adl.nav.request", request);
        api.Terminate("");
    }
    document.getElementById("done").addEventListener("click", function () {
        api.SetValue("cmi.completion_status", "completed");
        api.SetValue("cmi.success_status", "passed");
        api.Commit("");
    });
    document.getElementById("continue").addEventListener("click", function () { leave("continue"); });
    document.getElementById("previous").addEventListener("click", function () { leave("previous"); });
}());
