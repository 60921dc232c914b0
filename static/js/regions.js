// The region preview: places each box over its page image, and lets the clerk
// move, resize, draw and delete boxes, then saves them as JSON.
// Boxes are kept in PDF points from the page's top-left corner (as the server
// stores them) and shown as percentages of the page, so the image may be
// drawn at any size. Positions are set through element.style, which the
// Content-Security-Policy allows (it forbids style attributes in the HTML).
(function () {
  "use strict";

  var MIN_POINTS = 3;
  // Points of margin a box needs beside it for its delete button.
  var EDGE = 24;
  var dirty = false;
  var selected = null;

  function pageOf(element) {
    var figure = element.closest(".region-page");
    return {
      figure: figure,
      number: parseInt(figure.getAttribute("data-page"), 10),
      width: parseFloat(figure.getAttribute("data-width")),
      height: parseFloat(figure.getAttribute("data-height"))
    };
  }

  function readBox(element) {
    return {
      x0: parseFloat(element.getAttribute("data-x0")),
      top: parseFloat(element.getAttribute("data-top")),
      x1: parseFloat(element.getAttribute("data-x1")),
      bottom: parseFloat(element.getAttribute("data-bottom"))
    };
  }

  function writeBox(element, box) {
    var page = pageOf(element);
    ["x0", "top", "x1", "bottom"].forEach(function (key) {
      element.setAttribute("data-" + key, box[key].toFixed(2));
    });
    element.style.left = (box.x0 / page.width) * 100 + "%";
    element.style.top = (box.top / page.height) * 100 + "%";
    element.style.width = ((box.x1 - box.x0) / page.width) * 100 + "%";
    element.style.height = ((box.bottom - box.top) / page.height) * 100 + "%";
    // The delete button sits in the margin beside the box; a box reaching
    // the page's edge has it on its other side, or inside when it spans both.
    element.classList.toggle("region-at-right", box.x1 > page.width - EDGE);
    element.classList.toggle("region-at-left", box.x0 < EDGE);
  }

  function clamp(value, low, high) {
    return Math.min(Math.max(value, low), high);
  }

  // Pointer position on the page, in points.
  function pointAt(layer, event) {
    var page = pageOf(layer);
    var rect = layer.getBoundingClientRect();
    return {
      x: clamp(((event.clientX - rect.left) / rect.width) * page.width, 0, page.width),
      y: clamp(((event.clientY - rect.top) / rect.height) * page.height, 0, page.height)
    };
  }

  function setStatus(text, isError) {
    var status = document.getElementById("region-status");
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("error", Boolean(isError));
  }

  function markDirty() {
    dirty = true;
    var save = document.getElementById("region-save");
    if (save) save.disabled = false;
    setStatus("Unsaved changes.");
  }

  function select(element) {
    if (selected) selected.classList.remove("selected");
    selected = element;
    if (element) element.classList.add("selected");
  }

  function removeBox(element) {
    if (selected === element) selected = null;
    element.remove();
    markDirty();
  }

  function addControls(element) {
    element.tabIndex = 0;
    element.setAttribute("role", "button");
    element.setAttribute("aria-label", "Region box on page " + pageOf(element).number);
    element.addEventListener("focus", function () { select(element); });
    var handle = document.createElement("div");
    handle.className = "region-handle";
    handle.setAttribute("aria-hidden", "true");
    element.appendChild(handle);
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "region-delete";
    remove.textContent = "×";
    remove.setAttribute("aria-label", "Delete this box");
    remove.addEventListener("click", function (event) {
      event.stopPropagation();
      removeBox(element);
    });
    element.appendChild(remove);
  }

  function newBox(layer, point) {
    var element = document.createElement("div");
    element.className = "region-box region-added";
    layer.appendChild(element);
    writeBox(element, { x0: point.x, top: point.y, x1: point.x, bottom: point.y });
    addControls(element);
    return element;
  }

  // One drag at a time: moving a box, resizing it by its corner, or drawing one.
  function startDrag(layer, event) {
    if (event.button !== 0 || event.target.classList.contains("region-delete")) return;
    var page = pageOf(layer);
    var start = pointAt(layer, event);
    var element = event.target.closest(".region-box");
    var mode = "draw";
    if (event.target.classList.contains("region-handle")) mode = "resize";
    else if (element) mode = "move";
    else element = newBox(layer, start);
    var origin = readBox(element);
    select(element);
    event.preventDefault();
    layer.setPointerCapture(event.pointerId);

    function onMove(moveEvent) {
      var point = pointAt(layer, moveEvent);
      var box;
      if (mode === "move") {
        var dx = clamp(point.x - start.x, -origin.x0, page.width - origin.x1);
        var dy = clamp(point.y - start.y, -origin.top, page.height - origin.bottom);
        box = { x0: origin.x0 + dx, top: origin.top + dy, x1: origin.x1 + dx, bottom: origin.bottom + dy };
      } else if (mode === "resize") {
        box = {
          x0: origin.x0, top: origin.top,
          // By how far the pointer moved, so grabbing the handle off-centre
          // does not make the corner jump to the pointer.
          x1: clamp(origin.x1 + point.x - start.x, origin.x0 + MIN_POINTS, page.width),
          bottom: clamp(origin.bottom + point.y - start.y, origin.top + MIN_POINTS, page.height)
        };
      } else {
        box = {
          x0: Math.min(start.x, point.x), top: Math.min(start.y, point.y),
          x1: Math.max(start.x, point.x), bottom: Math.max(start.y, point.y)
        };
      }
      writeBox(element, box);
    }

    function onUp() {
      layer.removeEventListener("pointermove", onMove);
      layer.removeEventListener("pointerup", onUp);
      layer.removeEventListener("pointercancel", onUp);
      var box = readBox(element);
      if (mode === "draw" && (box.x1 - box.x0 < MIN_POINTS || box.bottom - box.top < MIN_POINTS)) {
        element.remove();  // a click, not a box
        select(null);
        return;
      }
      var moved = ["x0", "top", "x1", "bottom"].some(function (key) {
        return Math.abs(box[key] - origin[key]) >= 0.01;
      });
      if (moved || mode === "draw") markDirty();
    }

    layer.addEventListener("pointermove", onMove);
    layer.addEventListener("pointerup", onUp);
    layer.addEventListener("pointercancel", onUp);
  }

  // Arrow keys move the selected box by a point (ten with Shift); with Alt
  // they move its right or bottom edge, resizing it.
  var ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

  function nudge(element, direction, step, resize) {
    var page = pageOf(element);
    var box = readBox(element);
    var dx = direction[0] * step;
    var dy = direction[1] * step;
    if (resize) {
      box.x1 = clamp(box.x1 + dx, box.x0 + MIN_POINTS, page.width);
      box.bottom = clamp(box.bottom + dy, box.top + MIN_POINTS, page.height);
    } else {
      dx = clamp(dx, -box.x0, page.width - box.x1);
      dy = clamp(dy, -box.top, page.height - box.bottom);
      box = { x0: box.x0 + dx, top: box.top + dy, x1: box.x1 + dx, bottom: box.bottom + dy };
    }
    writeBox(element, box);
    markDirty();
  }

  function collect() {
    var boxes = [];
    document.querySelectorAll(".region-box").forEach(function (element) {
      var box = readBox(element);
      var entry = {
        page: pageOf(element).number,
        x0: Math.round(box.x0 * 100) / 100,
        top: Math.round(box.top * 100) / 100,
        x1: Math.round(box.x1 * 100) / 100,
        bottom: Math.round(box.bottom * 100) / 100
      };
      var id = element.getAttribute("data-id");
      if (id) entry.id = parseInt(id, 10);
      boxes.push(entry);
    });
    return boxes;
  }

  function save(editor) {
    var button = document.getElementById("region-save");
    button.disabled = true;
    setStatus("Saving…");
    var token = editor.querySelector("input[name=csrfmiddlewaretoken]").value;
    fetch(editor.getAttribute("data-save-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token },
      body: JSON.stringify({ regions: collect() })
    })
      .then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      })
      .then(function (result) {
        if (!result.ok) {
          button.disabled = false;
          setStatus(result.data.error || "The regions could not be saved.", true);
          return;
        }
        dirty = false;
        setStatus("Saved.");
        // The page shows who adjusted the regions and the boxes' new ids.
        window.location.reload();
      })
      .catch(function () {
        button.disabled = false;
        setStatus("The regions could not be saved: no answer from the server.", true);
      });
  }

  function setUpEditor(editor) {
    document.body.classList.add("region-editing");
    document.querySelectorAll(".region-box").forEach(addControls);
    document.querySelectorAll(".region-layer").forEach(function (layer) {
      layer.addEventListener("pointerdown", function (event) { startDrag(layer, event); });
    });
    document.getElementById("region-save").addEventListener("click", function () { save(editor); });
    document.addEventListener("keydown", function (event) {
      if (!selected || event.target.closest("input, textarea, select")) return;
      if (event.key === "Delete" || event.key === "Backspace") {
        event.preventDefault();
        removeBox(selected);
      } else if (ARROWS[event.key]) {
        event.preventDefault();
        nudge(selected, ARROWS[event.key], event.shiftKey ? 10 : 1, event.altKey);
      }
    });
    window.addEventListener("beforeunload", function (event) {
      if (dirty) event.preventDefault();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".region-page").forEach(function (figure) {
      var page = pageOf(figure);
      figure.querySelector(".region-sheet").style.aspectRatio = page.width + " / " + page.height;
    });
    // Superseded boxes (adjusted by hand on an earlier version) are placed
    // the same way but are never edited or saved: they are not .region-box.
    document.querySelectorAll(".region-box, .region-superseded").forEach(function (element) {
      writeBox(element, readBox(element));
    });
    var editor = document.getElementById("region-editor");
    if (editor) setUpEditor(editor);
  });
})();
