;;; check.el --- Emacs (Debian's 28.2 with elpa-eglot) in batch mode with the README's Eglot configuration:
;;; diagnostics for the fixture's deliberate mistake, a completion that fixes it, and `egresslsp-expand'.
;;; Run by emacs.test.mjs: emacs --batch -l check.el, with EGRESS_README and EGRESS_POLICY set. Exit 0 = passed.
(require 'package)
(package-initialize)
(require 'cl-lib)
(require 'eglot)
(unless (require 'yaml-mode nil t)
  (define-derived-mode yaml-mode text-mode "YAML"))
(add-to-list 'auto-mode-alist '("\\.ya?ml\\'" . yaml-mode))

(defvar check-failures 0)
(defun say (format-string &rest args)
  (princ (concat (apply #'format format-string args) "\n") #'external-debugging-output))
(defun check (name ok &optional detail)
  (if ok (say "ok - %s" name)
    (setq check-failures (1+ check-failures))
    (say "not ok - %s%s" name (if detail (format ": %s" detail) "")))
  ok)
(defun finish ()
  (say (if (zerop check-failures) "emacs: all checks passed" (format "emacs: %d check(s) failed" check-failures)))
  (kill-emacs (if (zerop check-failures) 0 1)))
(defun wait-until (seconds predicate)
  (let ((deadline (+ (float-time) seconds)) result)
    (while (and (not (setq result (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.02))
    result))
(defun error-texts () (mapcar #'flymake-diagnostic-text (flymake-diagnostics)))

(condition-case err
    (let ((started (float-time)))
      ;; The configuration is the README's "## Emacs" block, evaluated as written.
      (with-temp-buffer
        (insert-file-contents (getenv "EGRESS_README"))
        (re-search-forward "^## Emacs$")
        (re-search-forward "^```elisp\n")
        (let ((start (point)))
          (re-search-forward "^```$")
          (eval-region start (match-beginning 0))))

      ;; 1. Eglot starts the server for the YAML buffer (eglot-ensure connects after the next command).
      (find-file (getenv "EGRESS_POLICY"))
      (run-hooks 'post-command-hook)
      (unless (check "eglot starts egressctl and manages the YAML buffer"
                     (wait-until 10 (lambda () (run-hooks 'post-command-hook) (eglot-current-server))))
        (finish))
      (say "# connected after %d ms" (round (* 1000 (- (float-time) started))))

      ;; 2. Diagnostics through Flymake.
      (check "EGP005 is reported for the deliberate mistake"
             (wait-until 10 (lambda () (cl-some (lambda (text) (string-match-p "EGP005" text)) (error-texts))))
             (format "%S" (error-texts)))

      ;; 3. Completion at the value: the allowed protocols; accepting HTTP fixes the mistake.
      (goto-char (point-min))
      (search-forward "protocol: HTTPX")
      (replace-match "protocol: HT")
      (eglot--signal-textDocument/didChange)
      (let* ((capf (run-hook-wrapped 'completion-at-point-functions (lambda (f) (and (functionp f) (funcall f)))))
             (start (nth 0 capf)) (end (nth 1 capf)) (table (nth 2 capf))
             (candidates (and table (all-completions (buffer-substring-no-properties start end) table)))
             (http (cl-find "HTTP" candidates :test #'string=)))
        (check "completion offers the allowed protocols" (and http (member "HTTPS" candidates)) (format "%S" candidates))
        (when http
          (delete-region start end)
          (goto-char start)
          (insert http)
          (let ((exit (plist-get (nthcdr 3 capf) :exit-function)))
            (when exit (funcall exit http 'finished)))))
      (check "the accepted completion writes the value"
             (save-excursion (goto-char (point-min)) (re-search-forward "protocol: HTTP$" nil t))
             (buffer-substring-no-properties (line-beginning-position) (line-end-position)))
      (eglot--signal-textDocument/didChange)
      (check "no error is left" (wait-until 10 (lambda () (null (error-texts)))) (format "%S" (error-texts)))

      ;; 4. egresslsp-expand (workspace/executeCommand egressLsp.expand) shows the Istio resources.
      (egresslsp-expand)
      (let ((yaml (with-current-buffer "*egress-expansion*" (buffer-string))))
        (check "egresslsp-expand shows the Istio resources"
               (and (string-match-p "kind: ServiceEntry" yaml) (string-match-p "kind: Gateway" yaml)
                    (string-match-p "kind: VirtualService" yaml) (string-match-p "kind: DestinationRule" yaml))
               (substring yaml 0 (min 200 (length yaml)))))
      (say "# done in %d ms" (round (* 1000 (- (float-time) started))))
      (ignore-errors (eglot-shutdown (eglot-current-server)))
      (finish))
  (error (check "the check ran without a Lisp error" nil (format "%S" err))
         (finish)))
