/** Bodies of the six CallGear notifications exactly as S4 configures them, filled with sample values. */
export interface CallGearSample {
  session: number;
  direction: 'in' | 'out';
  contact?: string;
  virtual?: string;
  employeeId?: number | null;
  talk?: number;
  wait?: number;
  total?: number;
  isLost?: boolean;
  legId?: number | null;
  legIds?: number[];
  tags?: string[] | null;
  time?: string;
  isOperator?: boolean;
  fileLink?: string | null;
}

export function callGearBody(event: string, s: CallGearSample): Record<string, unknown> {
  const body: Record<string, unknown> = {
    notification_name: { handset: 'Call accepted', endleg: 'Call leg finished', end: 'Call finished', recording: 'Call recording completed', legout: 'Outbound call leg', callout: 'Outbound call' }[event],
    virtual_phone_number: s.virtual ?? '902125550000',
    notification_time: s.time ?? '2024-04-06 12:30:00',
    external_id: null,
    contact_info: { contact_phone_number: s.contact ?? '905551234567', communication_number: s.contact ?? '905551234567', contact_id: 771, contact_full_name: 'Ayşe Yılmaz' },
    employee_info: { employee_full_name: s.employeeId ? 'Mehmet Operatör' : null, employee_id: s.employeeId ?? null },
    call_info: {
      call_source: 'va', direction: s.direction, call_session_id: s.session, scenario_name: 'Mesai içi',
      talk_time_duration: s.talk ?? 0, total_time_duration: s.total ?? 0, wait_time_duration: s.wait ?? 0, tag_names: s.tags ?? null, is_lost: s.isLost ?? false,
    },
    call_record_file_info: { file_link: s.fileLink ?? null, call_record_duration: s.fileLink ? (s.talk ?? 0) : null },
    leg_id: s.legId ?? null,
    leg_ids: s.legIds ?? null,
  };
  if (event === 'endleg') (body.call_info as Record<string, unknown>).is_operator = s.isOperator ?? true;
  if (event === 'end') Object.assign(body, { last_scenario_operation_name: 'Operatöre yönlendir', group_ids: [12, 13] });
  if (event === 'recording') (body.call_record_file_info as Record<string, unknown>).record_file_links = s.fileLink ? [s.fileLink] : null;
  return body;
}
