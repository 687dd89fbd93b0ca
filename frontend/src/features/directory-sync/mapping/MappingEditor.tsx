import { useEffect, useMemo, useRef, useState } from "react";
import { useMutation, useQuery } from "urql";
import { errorMessage } from "../../../lib/errors";
import { formatDateTime } from "../../../lib/format";
import { useDebouncedValue } from "../../../lib/useDebouncedValue";
import type { FieldMappingInput } from "../../../gql/graphql";
import { MappingEditorQuery, UpdateSyncConfigurationMutation } from "../documents";
import { AliasEditor } from "./AliasEditor";
import { AttributePicker } from "./AttributePicker";
import { DryRunPanel } from "./DryRunPanel";
import { GroupRulesEditor } from "./GroupRulesEditor";
import { MappingPreview } from "./MappingPreview";
import { DraftWarnings, type MappingWarning } from "./MappingWarnings";
import { attributeTagNames, draftFromConfig, draftProblems, draftToInput, groupRulesToInput, previewMapping, sameMapping, TARGETS, type EditorDraft } from "./mappingDraft";
import { TagFieldsEditor } from "./TagFieldsEditor";

/** Directory users the live preview maps. */
export const PREVIEW_USERS = 10;

/** The field mapping editor: pick attributes, tag fields, group rules, aliases, live preview, save, dry run. */
export function MappingEditor() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: MappingEditorQuery, variables: { samples: PREVIEW_USERS } });
  const [saveState, save] = useMutation(UpdateSyncConfigurationMutation);
  // The admin's edits; null while the editor shows the saved mapping.
  const [edited, setDraft] = useState<EditorDraft | null>(null);
  const [savedNote, setSavedNote] = useState("");
  // What the last save returned; the query's copy may lag behind it.
  const [justSaved, setJustSaved] = useState<EditorDraft | null>(null);
  const [savedWarnings, setSavedWarnings] = useState<MappingWarning[] | null>(null);
  const loaded = useMemo(() => (data ? draftFromConfig(data.directorySync.configuration) : null), [data]);
  const saved = justSaved ?? loaded;
  const draft = edited ?? saved;
  const preview = useMemo(() => (draft ? previewMapping(draft) : null), [draft]);
  // The server checks a changed, valid draft for warnings once typing pauses, not at every keystroke.
  const toCheck = draft && saved && !sameMapping(draft, saved) && draftProblems(draft).length === 0 ? JSON.stringify(draftToInput(draft)) : "";
  const checked = useDebouncedValue(toCheck, 300);
  const checkedInput = useMemo(() => (checked === "" ? null : (JSON.parse(checked) as FieldMappingInput)), [checked]);
  const status = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (savedNote) status.current?.focus();
  }, [savedNote]);

  if (!data || !draft || !saved || !preview) {
    if (error) {
      return (
        <div role="alert" className="error-box">
          <p>The mapping cannot be loaded. {errorMessage(error)}</p>
          <button type="button" onClick={() => refetch({ requestPolicy: "network-only" })}>
            Try again
          </button>
        </div>
      );
    }
    return <p aria-live="polite">{fetching ? "Loading the mapping…" : ""}</p>;
  }

  const ds = data.directorySync;
  const total = ds.connection?.userCount ?? 0;
  const dirty = !sameMapping(draft, saved);
  const problems = draftProblems(draft);
  const set = (patch: Partial<EditorDraft>) => {
    setSavedNote("");
    setDraft({ ...draft, ...patch });
  };

  const onSave = async () => {
    const res = await save({ input: { mapping: draftToInput(draft), groupRules: groupRulesToInput(draft.groupRules) } });
    if (res.data) {
      setJustSaved(draftFromConfig(res.data.updateSyncConfiguration));
      setSavedWarnings(res.data.updateSyncConfiguration.warnings);
      setDraft(null);
      setSavedNote(`Mapping saved ${formatDateTime(res.data.updateSyncConfiguration.updatedAt ?? new Date().toISOString())}.`);
    }
  };

  return (
    <div className="mapping">
      <form
        className="card"
        aria-labelledby="mapping-title"
        onSubmit={(e) => {
          e.preventDefault();
          void onSave();
        }}
      >
        <h3 id="mapping-title">Field mapping</h3>
        <p className="muted">
          Choose which directory attribute fills each OfficeTogether field. {ds.attributes.length} attributes were found in your
          directory of {total.toLocaleString()} users.
        </p>
        <div className="pickers">
          {TARGETS.map((t) => (
            <AttributePicker
              key={t.field}
              label={t.label}
              required={t.required}
              value={draft[t.field]}
              attributes={ds.attributes}
              totalUsers={total}
              onChange={(path) => set({ [t.field]: path })}
            />
          ))}
        </div>
        <TagFieldsEditor fields={draft.tagFields} attributes={ds.attributes} totalUsers={total} onChange={(tagFields) => set({ tagFields })} />
        <GroupRulesEditor
          rules={draft.groupRules}
          hasGroupsField={draft.tagFields.some((f) => f.source === "groups")}
          onChange={(groupRules) => set({ groupRules })}
        />
        <DraftWarnings
          draft={checkedInput ?? draftToInput(draft)}
          check={checkedInput !== null && dirty && problems.length === 0}
          saved={savedWarnings ?? ds.configuration.warnings}
          tagNames={attributeTagNames(draft)}
        />
        <AliasEditor aliases={draft.valueAliases} onChange={(valueAliases) => set({ valueAliases })} />
        <h4>Live preview</h4>
        <p className="muted small">The first {PREVIEW_USERS} directory users with this mapping, before saving.</p>
        <MappingPreview users={ds.directoryUsers.edges.map((e) => e.node)} mapping={preview} offices={data.offices} groupRules={draft.groupRules} />
        {problems.length > 0 && (
          <ul role="alert" className="error">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        {saveState.error && <p role="alert" className="error">The mapping was not saved. {errorMessage(saveState.error)}</p>}
        {savedNote && (
          <p role="status" className="success" tabIndex={-1} ref={status}>
            {savedNote}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={!dirty || problems.length > 0 || saveState.fetching}>
            {saveState.fetching ? "Saving…" : "Save mapping"}
          </button>
          <button type="button" disabled={!dirty} onClick={() => setDraft(null)}>
            Discard changes
          </button>
          {dirty && <span className="muted">Unsaved changes</span>}
        </div>
      </form>
      <DryRunPanel disabledReason={dirty ? "Save the mapping first: the dry run uses the saved mapping." : null} />
    </div>
  );
}
