-- A decision's two models and its day, from what was stored; the old per-version notice rows become one row per notice
-- message (what it told, in JSON), before 0008 drops model_notices. Old notices were all about the base model.
UPDATE `decisions` SET
  `candidate_model` = nullif(trim(coalesce(json_extract(`answers`, '$.candidateModel'), '')), ''),
  `decided_on` = substr(`created_at`, 1, 10);
--> statement-breakpoint
INSERT INTO `watch_notices` (`decision_id`, `model_id`, `kind`, `content`, `state`, `snoozed_until`, `message_ts`, `created_at`, `updated_at`)
SELECT n.`decision_id`, d.`base_model`, n.`kind`,
  CASE n.`kind`
    WHEN 'newer-version' THEN json_object('kind', 'newer-version', 'versions',
      json_group_array(json_object('id', n.`model_id`, 'releaseDate', n.`release_date`, 'source', 'the catalog')))
    ELSE json_object('kind', 'lifecycle', 'lifecycle',
      json_object('status', 'deprecated', 'retirementDate', max(n.`release_date`), 'source', 'the catalog'))
  END,
  CASE
    WHEN max(n.`state` = 're-evaluated') THEN 're-evaluated'
    WHEN max(n.`state` = 'announced') THEN 'announced'
    WHEN max(n.`state` = 'snoozed') THEN 'snoozed'
    ELSE 'ignored'
  END,
  max(n.`snoozed_until`), n.`message_ts`, min(n.`created_at`), max(n.`updated_at`)
FROM (SELECT * FROM `model_notices` ORDER BY `decision_id`, `release_date`, `model_id`) n
JOIN `decisions` d ON d.`id` = n.`decision_id`
GROUP BY n.`decision_id`, n.`kind`, n.`message_ts`
ORDER BY min(n.`created_at`), n.`decision_id`;
--> statement-breakpoint
-- Notice posts still owed point at their new row; the row (not the job) now says what to post.
UPDATE `jobs` SET `payload` = json_object('noticeId', (
  SELECT w.`id` FROM `watch_notices` w
  WHERE w.`decision_id` = `jobs`.`decision_id` AND w.`message_ts` IS NULL
    AND w.`kind` = coalesce(json_extract(`jobs`.`payload`, '$.content.kind'), 'newer-version')
  ORDER BY w.`id` DESC LIMIT 1))
WHERE `kind` = 'post-notice' AND `status` IN ('pending', 'running', 'waiting');
--> statement-breakpoint
-- Redraws still owed: the row is found by the message it redraws.
UPDATE `jobs` SET `payload` = json_object('noticeId', (
  SELECT w.`id` FROM `watch_notices` w
  WHERE w.`decision_id` = `jobs`.`decision_id` AND w.`message_ts` = json_extract(`jobs`.`payload`, '$.noticeTs')
  LIMIT 1))
WHERE `kind` = 'update-notice' AND `status` IN ('pending', 'running', 'waiting');
