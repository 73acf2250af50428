// The notices shipped with the code, imported as modules so that sandboxed workflow code (no fs)
// gets them too. Node code that must see an admin's later edits uses notice-loader instead.
// Add a line here when a new year's file is added to plans/calendar/notices.
import notice2021 from '../../../plans/calendar/notices/2021.json';
import notice2022 from '../../../plans/calendar/notices/2022.json';
import notice2023 from '../../../plans/calendar/notices/2023.json';
import notice2024 from '../../../plans/calendar/notices/2024.json';
import notice2025 from '../../../plans/calendar/notices/2025.json';
import notice2026 from '../../../plans/calendar/notices/2026.json';
import { CalendarNotice } from './calendar-notice';

export const SHIPPED_NOTICES: readonly CalendarNotice[] = [
  notice2021,
  notice2022,
  notice2023,
  notice2024,
  notice2025,
  notice2026,
];
