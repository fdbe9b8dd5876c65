import { error } from '@sveltejs/kit';
import { BOARD_PROJECTS, datasetOfProject } from '$lib/views/headlines';
import type { EntryGenerator, PageLoad } from './$types';

/** One printable board report per project of the example fund. */
export const entries: EntryGenerator = () => BOARD_PROJECTS.map((project) => ({ project }));

export const load: PageLoad = ({ params }) => {
	const dataset = datasetOfProject(params.project);
	if (!dataset) error(404, 'Not found');
	return { project: params.project, dataset };
};
