/*
 * The story body editor's own extensions, loaded by django-prose-editor's configurable preset
 * (articles/editor.py names them).
 *
 * BodyPhoto: a photo from the newsroom's library placed in the body, stored as the site expects
 * it (articles/images/body.py): <figure data-photo="ID"><img …><figcaption>…</figcaption></figure>.
 * The toolbar's photo button opens a dialog that searches the library by caption or credit;
 * type, then arrow keys or Tab to a photo, Enter to place it, Escape to close.
 *
 * PastedHeadings: a pasted h1 becomes a subheading (h2) and h4–h6 become h3, since a story's
 * headline is its own field and its body has two heading levels.
 *
 * FieldLabel: the editable area is named by its form field's label and described by its help
 * text, so a screen reader says "Body, edit text" where it said "edit text". Set through
 * ProseMirror's own `attributes` prop: the editor redraws its element's attributes, so any set on
 * it from outside would be dropped (and writing them would disturb its selection).
 *
 * AccessibleToolbar: the toolbar shows once its icon font is ready (each icon is a word such as
 * "format_bold" drawn as one glyph by that font, and reads as the word until then), and a button
 * the editor greys out (its "disabled" class, e.g. "insert link" with no text selected) says so to
 * screen readers too, with aria-disabled; it stays focusable.
 */
import { Extension, Node, Plugin } from "django-prose-editor/editor";

function element(tag, properties, children) {
  const node = Object.assign(document.createElement(tag), properties || {});
  for (const child of children || []) {
    node.append(child);
  }
  return node;
}

function readFigure(figure) {
  const image = figure.querySelector("img");
  const caption = figure.querySelector("figcaption");
  return {
    photo: figure.getAttribute("data-photo"),
    src: image ? image.getAttribute("src") : null,
    alt: image ? image.getAttribute("alt") || "" : "",
    width: image ? image.getAttribute("width") : null,
    height: image ? image.getAttribute("height") : null,
    caption: caption ? caption.textContent.trim() : "",
  };
}

/* The photo dialog: resolves with the chosen photo ({id, src, alt, width, height, caption,
   credit}) or null. */
function choosePhoto(searchUrl) {
  return new Promise((resolve) => {
    let chosen = null;
    let pending = null;
    const search = element("input", {
      type: "search",
      id: "body-photo-search",
      className: "vTextField",
      autocomplete: "off",
    });
    const status = element("p", { className: "body-photo-picker__status" });
    status.setAttribute("role", "status");
    const results = element("ul", { className: "body-photo-picker__results" });
    const cancel = element("button", { type: "button", className: "button", textContent: "Cancel" });
    const dialog = element("dialog", { className: "body-photo-picker" }, [
      element("h2", { textContent: "Place a photo from the library" }),
      element("label", { htmlFor: "body-photo-search", textContent: "Find by caption or credit" }),
      search,
      status,
      results,
      element("p", {}, [cancel]),
    ]);
    dialog.setAttribute("aria-label", "Place a photo from the library");

    function choices() {
      return Array.from(results.querySelectorAll("button"));
    }

    function show(photos) {
      results.replaceChildren(
        ...photos.map((photo) => {
          const button = element("button", { type: "button", className: "body-photo-picker__choice" }, [
            element("img", { src: photo.thumbnail || photo.src, alt: "", width: 96, height: 54 }),
            element("span", { className: "body-photo-picker__caption", textContent: photo.caption || photo.alt || `Photo ${photo.id}` }),
            element("span", { className: "body-photo-picker__credit", textContent: photo.credit }),
          ]);
          button.dataset.photo = photo.id;
          button.addEventListener("click", () => {
            chosen = photo;
            dialog.close();
          });
          return element("li", {}, [button]);
        }),
      );
      status.textContent = photos.length
        ? `${photos.length} photo${photos.length === 1 ? "" : "s"} found.`
        : "No photo with a file matches.";
    }

    function find() {
      const url = new URL(searchUrl, window.location.href);
      url.searchParams.set("q", search.value.trim());
      const request = fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
        .then((data) => {
          if (request === pending) {
            show(data.photos);
          }
        })
        .catch(() => {
          status.textContent = "The library could not be searched. Try again.";
        });
      pending = request;
    }

    let timer = null;
    search.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(find, 200);
    });
    dialog.addEventListener("keydown", (event) => {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") {
        return;
      }
      const buttons = choices();
      if (!buttons.length) {
        return;
      }
      event.preventDefault();
      const at = buttons.indexOf(document.activeElement);
      const step = event.key === "ArrowDown" ? 1 : -1;
      const next = at === -1 ? (step === 1 ? 0 : buttons.length - 1) : at + step;
      (buttons[next] || search).focus();
    });
    cancel.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(chosen);
    });
    document.body.append(dialog);
    dialog.showModal();
    search.focus();
    find();
  });
}

export const BodyPhoto = Node.create({
  name: "bodyPhoto",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addOptions() {
    return { searchUrl: "" };
  },

  addAttributes() {
    // Read and written by parseHTML/renderHTML below, never as attributes of the figure itself.
    const plain = { parseHTML: () => null, renderHTML: () => ({}) };
    return {
      photo: { default: null, ...plain },
      src: { default: null, ...plain },
      alt: { default: "", ...plain },
      width: { default: null, ...plain },
      height: { default: null, ...plain },
      caption: { default: "", ...plain },
    };
  },

  parseHTML() {
    return [
      { tag: "figure", getAttrs: (figure) => (figure.querySelector("img") ? readFigure(figure) : false) },
      // An image standing alone (from an imported story) is kept, as a figure.
      {
        tag: "img[src]",
        getAttrs: (image) => ({
          src: image.getAttribute("src"),
          alt: image.getAttribute("alt") || "",
          width: image.getAttribute("width"),
          height: image.getAttribute("height"),
        }),
      },
    ];
  },

  renderHTML({ node }) {
    const { photo, src, alt, width, height, caption } = node.attrs;
    const image = ["img", { src, alt, ...(width ? { width } : {}), ...(height ? { height } : {}) }];
    const figure = ["figure", photo ? { "data-photo": photo } : {}, image];
    if (caption) {
      figure.push(["figcaption", {}, caption]);
    }
    return figure;
  },

  addCommands() {
    return {
      insertBodyPhoto:
        (photo) =>
        ({ commands }) =>
          // With a paragraph after it, so the cursor has somewhere to go even at the end of
          // the body; an empty paragraph is dropped on save.
          commands.insertContent([
            {
              type: this.name,
              attrs: {
                photo: String(photo.id),
                src: photo.src,
                alt: photo.alt,
                width: photo.width,
                height: photo.height,
                caption: "",
              },
            },
            { type: "paragraph" },
          ]),
    };
  },

  addMenuItems({ buttons, menu }) {
    const searchUrl = this.options.searchUrl;
    menu.defineItem({
      name: "bodyPhoto",
      groups: "nodes",
      button: buttons.material("image", "Place a photo from the library"),
      command(editor) {
        choosePhoto(searchUrl).then((photo) => {
          if (photo) {
            editor.chain().focus().insertBodyPhoto(photo).run();
          } else {
            editor.commands.focus();
          }
        });
      },
      active: (editor) => editor.isActive("bodyPhoto"),
    });
  },
});

export const PastedHeadings = Extension.create({
  name: "pastedHeadings",

  transformPastedHTML(html) {
    return html.replace(/<(\/?)h1\b/gi, "<$1h2").replace(/<(\/?)h[4-6]\b/gi, "<$1h3");
  },
});

export const FieldLabel = Extension.create({
  name: "fieldLabel",

  addProseMirrorPlugins() {
    const textarea = this.editor.options.element.querySelector("textarea");
    const label = textarea && textarea.id && document.querySelector(`label[for="${textarea.id}"]`);
    const attributes = { "aria-multiline": "true" };
    if (label) {
      label.id = label.id || `${textarea.id}_label`;
      attributes["aria-labelledby"] = label.id;
    }
    const description = textarea && textarea.getAttribute("aria-describedby");
    if (description) {
      attributes["aria-describedby"] = description;
    }
    return [new Plugin({ props: { attributes } })];
  },
});

export const AccessibleToolbar = Extension.create({
  name: "accessibleToolbar",

  addStorage() {
    return { observer: null };
  },

  onCreate() {
    const element = this.editor.options.element;
    function mark() {
      for (const button of element.querySelectorAll(".prose-menubar button")) {
        const disabled = button.classList.contains("disabled");
        if (disabled !== (button.getAttribute("aria-disabled") === "true")) {
          button.setAttribute("aria-disabled", String(disabled));
        }
      }
    }
    // The menu toggles the class on every transaction and redraws its dropdown's button.
    this.storage.observer = new MutationObserver(mark);
    this.storage.observer.observe(element, { subtree: true, childList: true, attributeFilter: ["class"] });
    mark();
    element.classList.add("prose-editor--icons-loading");
    document.fonts.load('24px "Material Icons"').finally(() => {
      element.classList.remove("prose-editor--icons-loading");
    });
  },

  onDestroy() {
    this.storage.observer?.disconnect();
  },
});
