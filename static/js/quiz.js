/*
 * Bimtek quiz: saves each answer as the participant goes and shows the time left.
 * The form works without this file: answers are then sent when the participant submits.
 * The server's deadline is authoritative; this countdown only informs.
 */
(function () {
    "use strict";
    var form = document.querySelector("[data-quiz-form]");
    if (!form || !window.fetch) {
        return;
    }
    var saveUrl = form.dataset.saveUrl;
    var state = document.querySelector("[data-quiz-save-state]");
    var timer = document.querySelector("[data-quiz-timer]");
    var progress = document.querySelector("[data-quiz-progress]");
    var progressText = document.querySelector("[data-quiz-progress-text]");
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    var pending = {};
    var saveTimeout = null;
    var closed = false;

    function say(text) {
        if (state && state.textContent !== text) {
            state.textContent = text;
        }
    }

    function questionId(input) {
        return input.name.replace(/^q-/, "");
    }

    function valueOf(name) {
        var inputs = form.querySelectorAll("[name='" + name + "']");
        if (inputs[0].type === "checkbox") {
            return Array.prototype.filter.call(inputs, function (i) { return i.checked; })
                .map(function (i) { return i.value; });
        }
        if (inputs[0].type === "radio") {
            var checked = form.querySelector("[name='" + name + "']:checked");
            return checked ? checked.value : "";
        }
        return inputs[0].value;
    }

    function updateProgress() {
        var names = {};
        Array.prototype.forEach.call(form.querySelectorAll("[name^='q-']"), function (input) {
            names[input.name] = true;
        });
        var answered = Object.keys(names).filter(function (name) {
            var value = valueOf(name);
            return Array.isArray(value) ? value.length > 0 : value.trim() !== "";
        }).length;
        var text = answered + "/" + (progress ? progress.max : "");
        // Only a real change touches the page: every rewrite is a relayout of the sticky bar.
        if (progress && progress.value !== answered) {
            progress.value = answered;
            progress.textContent = text;
        }
        if (progressText && progressText.textContent !== text) {
            progressText.textContent = text;
        }
    }

    function flush() {
        saveTimeout = null;
        var answers = pending;
        if (closed || !Object.keys(answers).length) {
            return;
        }
        pending = {};
        say(form.dataset.savingText);
        fetch(saveUrl, {
            method: "POST",
            credentials: "same-origin",
            headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
            body: JSON.stringify({answers: answers})
        }).then(function (response) {
            if (response.status === 409) {
                closed = true;
                say(form.dataset.closedText);
                return null;
            }
            if (!response.ok) {
                throw new Error(response.status);
            }
            return response.json();
        }).then(function (data) {
            if (data) {
                say(form.dataset.savedText);
                if (typeof data.seconds_left === "number") {
                    secondsLeft = data.seconds_left;
                }
            }
        }).catch(function () {
            Object.keys(answers).forEach(function (key) {
                if (!(key in pending)) {
                    pending[key] = answers[key];
                }
            });
            say(form.dataset.errorText);
        });
    }

    function onChange(event) {
        var input = event.target;
        if (!input.name || input.name.indexOf("q-") !== 0) {
            return;
        }
        pending[questionId(input)] = valueOf(input.name);
        updateProgress();
        if (saveTimeout) {
            clearTimeout(saveTimeout);
        }
        // Text is saved after a pause in typing; a click is saved at once.
        saveTimeout = setTimeout(flush, event.type === "input" ? 800 : 0);
    }

    form.addEventListener("change", onChange);
    form.addEventListener("input", onChange);

    var secondsLeft = timer ? parseInt(timer.dataset.secondsLeft, 10) : null;
    function tick() {
        if (secondsLeft === null) {
            return;
        }
        secondsLeft = Math.max(0, secondsLeft - 1);
        var minutes = Math.floor(secondsLeft / 60);
        var seconds = secondsLeft % 60;
        timer.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
        if (secondsLeft === 60 || secondsLeft === 0) {
            timer.parentNode.setAttribute("aria-live", "assertive");
        }
        if (secondsLeft === 0) {
            closed = true;
            say(form.dataset.closedText);
            return;
        }
        setTimeout(tick, 1000);
    }
    if (timer) {
        tick();
    }
})();
